"""The meetings (会议) and activities (活动) registers: list and record; confirming an activity credits hours."""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.common import actor, db_arg, id_list, open_club
from app.meetings import MEETING_KINDS


def register(sub: argparse._SubParsersAction) -> None:
    mtg = sub.add_parser("meetings", help="会议台账：查看、记录会议",
                         description="列出议事会、发布会、党建联席会、社务会；--record 记录一次会议，检查规则与窗口中的表单相同。")
    db_arg(mtg)
    mtg.add_argument("--year", type=int, metavar="Y", help="只列这一年的会议")
    mtg.add_argument("--json", action="store_true", help="输出 JSON 列表")
    mtg.add_argument("--record", action="store_true", help="记录一次会议")
    mtg.add_argument("--kind", choices=list(MEETING_KINDS), help="会议类别（记录时必填）")
    mtg.add_argument("--date", metavar="D", help="开会日期（记录时必填）")
    mtg.add_argument("--place", default="", metavar="T", help="地点")
    mtg.add_argument("--topics", default="", metavar="T", help="议题（记录时必填）")
    mtg.add_argument("--decisions", default="", metavar="T", help="决定事项")
    mtg.add_argument("--follow-ups", default="", metavar="T", help="后续落实")
    mtg.add_argument("--by", default="", metavar="ID[,ID…]", help="参会人编号，多人用逗号分隔")
    mtg.set_defaults(run=_meetings)

    act = sub.add_parser("activities", help="活动台账：查看、记录、确认活动",
                         description="列出服务、活动、课堂；--record 记录一次活动（实际服务时长，不含路程）；"
                                     "--confirm 确认活动并给每位参加人记入时长（只记一次）。")
    db_arg(act)
    act.add_argument("--year", type=int, metavar="Y", help="只列这一年的活动")
    act.add_argument("--json", action="store_true", help="输出 JSON 列表")
    act_do = act.add_mutually_exclusive_group()
    act_do.add_argument("--record", action="store_true", help="记录一次活动")
    act_do.add_argument("--confirm", metavar="ID", help="确认这次活动并记入参加人的时长")
    act.add_argument("--kind", choices=["service", "event", "class"], default="service",
                     help="类别：service 服务、event 活动、class 课堂")
    act.add_argument("--title", default="", metavar="T", help="活动名称（不填则用服务项目）")
    act.add_argument("--project", default="", metavar="T", help="服务项目，如 义诊、磨刀")
    act.add_argument("--date", metavar="D", help="活动日期（记录时必填）")
    act.add_argument("--place", default="", metavar="T", help="地点")
    act.add_argument("--hours", metavar="H", help="每人实际服务时长（小时，不含路程）")
    act.add_argument("--by", default="", metavar="ID[,ID…]", help="参加人编号，多人用逗号分隔")
    act.add_argument("--served", default="0", metavar="N", help="服务人次")
    act.set_defaults(run=_activities)


def _meetings(args: argparse.Namespace) -> int:
    from app.meetings import list_meetings, record_meeting

    db = open_club(args)
    if args.record:
        attendees = [part.strip() for part in args.by.replace("，", ",").split(",") if part.strip()]
        meeting_id = record_meeting(db, {"kind": args.kind, "held_on": args.date, "place": args.place,
                                         "topics": args.topics, "decisions": args.decisions,
                                         "follow_ups": args.follow_ups, "attendee_ids": attendees}, actor=actor())
        print(f"已记录会议，编号 {meeting_id}")
        return 0
    rows = list_meetings(db, args.year)
    if args.json:
        keys = ("id", "kind", "held_on", "topics", "decisions", "attendee_ids")
        print(json.dumps([{key: row[key] for key in keys} for row in rows], ensure_ascii=False, indent=1))
    else:
        for row in rows:
            print("\t".join([row["held_on"], row["kind_label"], row["topics"], "、".join(row["attendees"])]))
        print(f"共 {len(rows)} 次会议", file=sys.stderr)
    return 0


def _activities(args: argparse.Namespace) -> int:
    from app import activities

    db = open_club(args, "confirm" if args.confirm is not None else None)
    if args.record:
        activity_id = activities.record_activity(db, {
            "kind": args.kind, "title": args.title, "project": args.project, "held_on": args.date,
            "place": args.place, "hours": args.hours, "participants": id_list(args.by),
            "served_count": args.served}, actor=actor())
        print(f"已记录活动，编号 {activity_id}（确认后记入时长：--confirm {activity_id}）")
        return 0
    if args.confirm is not None:
        made = activities.confirm_activity(db, args.confirm, actor=actor())
        print(f"已确认活动 {args.confirm}，给 {made} 位参加人记入时长")
        return 0
    rows = activities.list_activities(db, args.year)
    if args.json:
        keys = ("id", "kind", "title", "project", "held_on", "place", "hours", "served_count", "confirmed_at")
        print(json.dumps([{**{key: row[key] for key in keys},
                           "participants": [{"person_id": pid, "hours": hours} for pid, hours in row["participants"]]}
                          for row in rows], ensure_ascii=False, indent=1))
    else:
        for row in rows:
            state = "已确认" if row["confirmed_at"] else "待确认"
            print("\t".join([str(row["id"]), row["held_on"], row["kind_label"], row["title"], row["place"],
                             f"{len(row['participants'])} 人", f"{row['total_hours']:g} 小时", state]))
        print(f"共 {len(rows)} 次活动", file=sys.stderr)
    return 0
