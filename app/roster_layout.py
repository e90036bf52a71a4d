"""The roster's spreadsheet layout: the columns the app writes, and the header names it recognises on import."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.ids import normalise


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # as the app writes it (export and template)
    synonyms: tuple[str, ...]  # headers recognised on import, after normalise_header()
    exported: bool = True


COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", ("姓名", "名字", "人员姓名", "党员姓名", "居民姓名", "志愿者姓名")),
    Column("sex", "性别", ("性别",)),
    Column("id_number", "身份证号", ("身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证", "证件号码",
                                   "居民身份证号码", "身份证件号码")),
    Column("birth_date", "出生日期", ("出生日期", "出生年月", "出生年月日", "生日", "出生时间")),
    Column("phone", "联系电话", ("联系电话", "手机", "手机号", "手机号码", "电话", "电话号码", "联系方式", "联系电话号码")),
    Column("address", "住址", ("住址", "家庭住址", "地址", "现住址", "居住地址", "家庭地址", "现居住地址"), exported=False),
    Column("building", "楼号", ("楼号", "楼栋", "楼栋号", "栋号", "楼")),
    Column("unit", "单元", ("单元", "单元号")),
    Column("room", "室", ("室", "室号", "房号", "房间号", "门牌号")),
    Column("categories", "人员类别", ("人员类别", "类别", "人员类型", "身份类别", "人员身份")),
    Column("party_joined", "入党时间", ("入党时间", "入党日期", "入党年月", "入党年月日")),
    Column("party_branch", "所属党支部", ("所属党支部", "党支部", "所在支部", "所在党支部", "组织关系所在支部", "支部")),
    Column("situations", "困难情况", ("困难情况", "家庭情况", "困难类型", "特殊情况", "困难类别")),
    Column("tags", "人才库", ("人才库", "人才库标签", "人才类别", "志愿者类型")),
    Column("posts", "职务", ("职务", "三长六员", "岗位", "担任职务")),
    Column("status", "状态", ("状态", "人员状态", "在册状态")),
    Column("status_date", "状态日期", ("状态日期", "变动日期", "迁出日期", "去世日期", "迁出或去世日期")),
    Column("notes", "备注", ("备注", "说明", "备考")),
)
BY_FIELD = {column.field: column for column in COLUMNS}
EXPORTED = tuple(column for column in COLUMNS if column.exported)

CATEGORY_WORDS = {"党员": "is_member", "志愿者": "is_volunteer", "居民": "is_resident"}
# Other words rosters use for the three categories (老党员 is a member, 群众 a resident who is not one).
CATEGORY_SYNONYMS = {
    **dict.fromkeys(("老党员", "中共党员", "共产党员", "正式党员", "预备党员", "退休党员", "离退休党员", "流动党员"),
                    ("党员",)),
    **dict.fromkeys(("注册志愿者", "社区志愿者", "志愿服务者", "义工"), ("志愿者",)),
    "党员志愿者": ("党员", "志愿者"),
    **dict.fromkeys(("群众", "社区居民", "普通居民", "住户", "高龄老人", "老年人"), ("居民",)),
}
STATUS_WORDS = {"在册": "active", "正常": "active", "迁出": "moved_away", "已迁出": "moved_away", "搬走": "moved_away",
                "去世": "deceased", "已去世": "deceased", "死亡": "deceased", "病故": "deceased"}
STATUS_LABELS = {"active": "在册", "moved_away": "已迁出", "deceased": "已去世"}
LIST_SEPARATORS = re.compile(r"[、,，;；/|\s]+")


def normalise_header(text: object) -> str:
    """A header cell as compared with the synonyms: no spaces, no marks such as * or （必填）, half-width."""
    text = normalise(str(text or ""))
    text = re.sub(r"[\(（\[【].*?[\)）\]】]", "", text)
    return re.sub(r"[\s*:：#]", "", text)


def field_for_header(text: object) -> str | None:
    """The roster field a header names, or None for a column the app does not keep (序号, 民族 …)."""
    key = normalise_header(text)
    for column in COLUMNS:
        if key in column.synonyms:
            return column.field
    return None


def split_list(text: object) -> list[str]:
    """A cell holding several words ("独居、特困") as a list."""
    return [part for part in LIST_SEPARATORS.split(normalise(str(text or ""))) if part]
