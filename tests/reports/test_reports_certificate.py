"""Certificates as a volunteer holds them: the service-hours certificate and the award certificate, read back."""

from __future__ import annotations

import datetime

import pdf_text
from pdf_text import squeezed

from app.reports.certificate import (
    AwardCertificate, ServiceCertificate, write_award_certificates, write_service_certificates,
)

ON = datetime.date(2026, 11, 22)
CLUB = "幸福里社区党员服务社"


def fonts_embedded(path) -> list[str]:
    used = pdf_text.fonts(path)
    assert used, "no fonts at all"
    return ["yes" if embedded else "no" for embedded in used.values()]


def test_service_certificates_one_page_each_with_number_wording_issuer_and_embedded_font(tmp_path):
    path = tmp_path / "证明.pdf"
    certs = [ServiceCertificate(f"2026-000{i}", [f"兹证明 志愿者{i}（公民身份号码 370502********1227）参加志愿服务。",
                                                 "累计志愿服务时长 43 小时（按实际服务时间记录，不含往返路程）。"],
                                ON, "刘主任", "评优") for i in (1, 2)]
    assert write_service_certificates(path, certs, club_name=CLUB) == 2
    assert pdf_text.page_count(path) == 2
    first = squeezed(path, 1, 1)
    for expected in ("志愿服务证明", "编号：2026-0001", "志愿者1", "370502********1227", "43小时", "不含往返路程",
                     "用途：评优", CLUB, "2026年11月22日", "记录人：刘主任", "（盖章）"):
        assert expected in first
    assert set(fonts_embedded(path)) == {"yes"}


def test_award_certificates_name_the_title_and_year(tmp_path):
    path = tmp_path / "荣誉证书.pdf"
    certs = [AwardCertificate("王秀英", 2026, "最美志愿者", "2026年志愿服务 152.5 小时"),
             AwardCertificate("李强明", 2026, "功勋志愿者", "")]
    assert write_award_certificates(path, certs, club_name=CLUB, on=ON) == 2
    text = squeezed(path)
    for expected in ("荣誉证书", "王秀英同志：", "在2026年度志愿服务中表现突出，被评为", "“最美志愿者”", "152.5小时",
                     "李强明同志：", "“功勋志愿者”", "特发此证，以资鼓励。", CLUB):
        assert expected in text
    assert set(fonts_embedded(path)) == {"yes"}
