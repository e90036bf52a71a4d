"""The command-line smoke suite, run against an installed or built program as its user would run it.

    python packaging/smoke.py --cli PROGRAM… [--window PROGRAM…] [--windows] [--work DIR] [--timings FILE]

PROGRAM is the command that starts the app, split like a shell would (``"wine C:\\…\\python.exe -m app"``,
``"/opt/fuwushe/fuwushe-cli"``). ``--windows`` says the program is a Windows one run under Wine: file names are
passed as Windows paths (Z:\\…), output is read in the code page the check set (936: GBK), and standard input
is Wine's NUL. Every step checks what a user would get — the JSON, the file made, the refusal's words — not
only the exit code, and says what it expected when it fails. Exit status 0 when every step passed.

Used by packaging/windows/check.sh (Windows Python under Wine), packaging/windows/installer-check.sh (the
installed setup.exe) and packaging/deb/check.sh (the .deb in a clean Debian).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUE_KINDS = {"registration", "hospital", "special", "festival", "birthday", "follow_up", "report_overdue"}
MASKED_ID = re.compile(r"^\d{2,6}\*+[\dX]{2,4}$")
DEMO_USER, DEMO_PASSWORD = "演示主任", "1234"


class StepFailed(Exception):
    pass


@dataclass
class Result:
    code: int
    out: str
    err: str
    seconds: float


@dataclass
class Smoke:
    cli: list[str]
    window: list[str]
    windows: bool
    work: Path
    encoding: str
    env: dict[str, str]
    timeout: float
    timings: list[tuple[str, float]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    steps: int = 0

    def path(self, path: Path) -> str:
        """A file name as the program sees it: Wine's Z: drive is the Linux root."""
        return "Z:" + str(path).replace("/", "\\") if self.windows else str(path)

    def run(self, *args: str | Path, program: list[str] | None = None, input: str | None = None,
            env: dict[str, str] | None = None, timeout: float | None = None, name: str | None = None) -> Result:
        name = name or str(args[0])
        if "--db" in args and args[0] not in ("demo", "--db") and input is None and "--user" not in args:
            # Every command on a club's file runs as an account: the practice club's director, whose password
            # is the first line of standard input.
            args, input = (*args, "--user", DEMO_USER), DEMO_PASSWORD + "\n"
        argv = [*(program or self.cli), *(self.path(a) if isinstance(a, Path) else a for a in args)]
        started = time.monotonic()
        try:
            done = subprocess.run(argv, input=input.encode(self.encoding) if input is not None else None,
                                  stdin=None if input is not None else subprocess.DEVNULL,
                                  capture_output=True, env={**os.environ, **self.env, **(env or {})},
                                  timeout=timeout or self.timeout, cwd=self.work)
        except subprocess.TimeoutExpired:
            raise StepFailed(f"no answer within {timeout or self.timeout:.0f} s: {shlex.join(argv)}") from None
        seconds = time.monotonic() - started
        self.timings.append((name, seconds))
        return Result(done.returncode, done.stdout.decode(self.encoding, "replace").replace("\r\n", "\n"),
                      _clean(done.stderr.decode(self.encoding, "replace")), seconds)

    def step(self, name: str, check) -> None:
        before = len(self.timings)
        self.steps += 1
        try:
            check()
            runs = self.timings[before:]
            print(f"  ok    {name}  ({len(runs)} × {sum(t for _, t in runs) / max(len(runs), 1):.1f} s)", flush=True)
        except StepFailed as exc:
            print(f"  FAIL  {name}: {exc}", flush=True)
            self.failures.append(f"{name}: {exc}")
        except KeyError as exc:   # what an earlier, failed step should have found
            print(f"  FAIL  {name}: needs {exc} from an earlier step, which failed", flush=True)
            self.failures.append(f"{name}: an earlier step failed")
        except Exception as exc:  # the suite's own slip or an output of the wrong shape: say so and go on
            print(f"  FAIL  {name}: {type(exc).__name__}: {exc}", flush=True)
            self.failures.append(f"{name}: {type(exc).__name__}: {exc}")


def _clean(text: str) -> str:
    """Standard error without Wine's own notes about itself (no 32-bit Wine, fixme lines)."""
    skip = ("it looks like wine32 is missing", "multiarch needs to be enabled", 'execute "dpkg --add-architecture',
            "apt-get install wine32", "fixme:", "err:")
    return "\n".join(line for line in text.replace("\r\n", "\n").splitlines()
                     if not any(part in line for part in skip) and not re.match(r"^[0-9a-f]{4}:", line))


def expect(condition: bool, message: str, result: Result | None = None) -> None:
    if not condition:
        if result is not None:
            message += (f"\n        exit {result.code}; stdout: {result.out.strip()[:600]!r}"
                        f"\n        stderr: {result.err.strip()[:600]!r}")
        raise StepFailed(message)


def ok(result: Result, *texts: str, stream: str = "out") -> Result:
    expect(result.code == 0, "exit status 0 expected", result)
    for text in texts:
        expect(text in getattr(result, stream), f"{text!r} expected in standard {stream}put", result)
    return result


def refused(result: Result, *texts: str) -> Result:
    """An expected problem: exit 1 and one line starting 错误：, saying why."""
    expect(result.code == 1, "a refusal (exit 1) expected", result)
    lines = [line for line in result.err.splitlines() if line.strip()]
    expect(bool(lines) and lines[-1].startswith("错误："), "one line starting 错误： expected", result)
    for text in texts:
        expect(text in result.err, f"{text!r} expected in the refusal", result)
    return result


def as_json(result: Result):
    ok(result)
    try:
        return json.loads(result.out)
    except ValueError as exc:
        raise StepFailed(f"not JSON ({exc}): {result.out[:300]!r}") from None


def pdf_text(path: Path) -> str:
    expect(path.is_file() and path.read_bytes()[:5] == b"%PDF-", f"no PDF at {path}")
    if shutil.which("pdftotext") is None:
        raise StepFailed("pdftotext (poppler-utils) is needed to read the PDF back")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def workbook_rows(path: Path, sheet: int = 0) -> list[tuple]:
    from openpyxl import load_workbook

    expect(path.is_file(), f"no workbook at {path}")
    book = load_workbook(path, read_only=True, data_only=True)
    return [tuple(row) for row in book.worksheets[sheet].iter_rows(values_only=True)]


def run_suite(s: Smoke, *, fingerprint: list[str] | None, english: dict[str, str] | None,
              window_checks: bool) -> None:
    folder = s.work / "服务社 数据"    # a Chinese folder name with a space, as on a club's PC
    folder.mkdir(parents=True, exist_ok=True)
    club, other = folder / "club.sqlite", folder / "imported.sqlite"
    today = datetime.date.today()
    this_month = today.strftime("%Y-%m")
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    state: dict = {}

    s.step("--version", lambda: expect(re.search(r"\d+\.\d+", ok(s.run("--version")).out) is not None,
                                       "a version number expected"))
    s.step("--help in Chinese", lambda: ok(s.run("--help"), "demo", "演示", "备份"))
    s.step("demo (300 people)", lambda: ok(s.run("demo", "--db", club, "--people", "300"), "已生成演示服务社：300 人"))
    s.step("demo refused on a club that exists",
           lambda: refused(s.run("demo", "--db", club, "--people", "10")))
    s.step("check", lambda: ok(s.run("check", "--db", club), "数据库完好"))

    def people():
        rows = as_json(s.run("people", "--db", club, "--query", "王", "--json"))
        expect(len(rows) > 5, f"several people named 王 expected, got {len(rows)}")
        expect(all("王" in row["name"] for row in rows), "every match's name holds 王")
        expect(all(MASKED_ID.match(row["id_number"]) for row in rows), "ID numbers masked")
        everyone = as_json(s.run("people", "--db", club, "--all", "--json"))
        state["everyone"] = everyone
        state["volunteers"] = [row["person_id"] for row in everyone
                               if row["is_volunteer"] and row["status"] == "active"]
        expect(len(everyone) == 300, f"300 people on the roster expected, got {len(everyone)}")
    s.step("people --query 王 --json", people)

    def due():
        items = as_json(s.run("due", "--db", club, "--days", "30", "--json"))
        expect(len(items) > 0, "the practice club has something due")
        expect({item["kind"] for item in items} <= DUE_KINDS, f"kinds {sorted({i['kind'] for i in items})}")
        expect(all(item["reason"] and item["name"] for item in items), "every item says who and why")
        state["due"] = items
    s.step("due --json", due)

    def rota():
        plan = as_json(s.run("rota", "--db", club, "--month", this_month, "--json"))
        filled = [shift for shift in plan["shifts"] if shift["volunteer_ids"]]
        expect(plan["month"] == this_month and len(filled) > 20, f"this month's rota has its shifts ({len(filled)})")
        later = (today.replace(day=1) + datetime.timedelta(days=70)).strftime("%Y-%m")
        made = as_json(s.run("rota", "--db", club, "--month", later, "--generate", "--json"))
        expect(sum(len(shift["volunteer_ids"]) for shift in made["shifts"]) > 20, "a new month planned (CP-SAT)")
        expect(all(shift["unfilled_reason"] for shift in made["shifts"]
                   if len(shift["volunteer_ids"]) < shift["need"]), "every empty place has its reason")
    s.step("rota --json, rota --generate (CP-SAT)", rota)

    def aid():
        proposals = as_json(s.run("aid-suggest", "--db", club, "--json"))
        expect(len(proposals) > 0 and all(p["helper_ids"] and p["why"] for p in proposals),
               "proposals with helpers and reasons (min-cost flow)")
    s.step("aid-suggest --json (min-cost flow)", aid)

    def visit():
        person = state["due"][0]["person_id"]
        helper = next(v for v in state["volunteers"] if v != person)
        ok(s.run("log-visit", "--db", club, "--person", str(person), "--kind", "special", "--by", str(helper),
                 "--note", "上门看望，送去米面油"))
        tomorrow = (today + datetime.timedelta(days=2)).isoformat()
        refused(s.run("log-visit", "--db", club, "--person", str(person), "--kind", "special", "--date", tomorrow,
                      "--by", str(helper)))
        statement = as_json(s.run("hours", "--db", club, "--person", str(helper), "--json"))
        expect(statement["balance"] > 0 and statement["entries"], f"hours on the statement: {statement}")
    s.step("log-visit, its refusal of a future date, hours --json", visit)

    roster = folder / "花名册.xlsx"

    def export():
        ok(s.run("export-roster", "--db", club, "--out", roster, "--full-ids"))
        rows = workbook_rows(roster)
        header = next(i for i, row in enumerate(rows) if "姓名" in row)
        people = [row for row in rows[header + 1:] if any(row)]
        expect(len(people) == 300, f"300 rows expected in the exported roster, got {len(people)}")
        ids = rows[header].index(next(c for c in rows[header] if c and "身份证" in str(c)))
        masked = [row[ids] for row in people      # a person with no ID number on file has an empty cell
                  if row[ids] and not re.fullmatch(r"\d{17}[\dX]|\d{15}", str(row[ids]))]
        expect(masked == [], f"full ID numbers with --full-ids, not {masked[:3]}")
    s.step("export-roster --full-ids (.xlsx)", export)

    def template():
        path = folder / "模板.xlsx"
        ok(s.run("roster-template", "--out", path))
        expect(any("姓名" in (row or ()) for row in workbook_rows(path)), "a header row with 姓名")
    s.step("roster-template", template)

    def import_roster():
        ok(s.run("demo", "--db", other, "--people", "1", "--seed", "99"))   # a club with its accounts, one person
        result = as_json(s.run("import-roster", roster, "--db", other, "--json"))
        expect(result["imported"] == 300 and result["rejected"] == [], f"300 imported, none rejected: {result}")
        expect(len(as_json(s.run("people", "--db", other, "--all", "--json"))) == 301, "301 on that roster")
        not_a_workbook = folder / "不是表格.xlsx"
        not_a_workbook.write_bytes(b"%PDF-1.4 this is not a workbook")
        refused(s.run("import-roster", not_a_workbook, "--db", other))
    s.step("import-roster (and a file that is not a workbook refused)", import_roster)

    def backup_restore():
        backups = folder / "备份"
        made = ok(s.run("backup", "--db", club, "--to", backups)).out.strip().splitlines()[-1]
        name = made.replace("\\", "/").rsplit("/", 1)[-1]
        expect(re.fullmatch(r"club\.\d{4}-\d\d-\d\d-\d{6}\.manual\.sqlite", name) is not None, f"backup name {name}")
        expect((backups / name).is_file(), f"the backup file {name} exists")
        ok(s.run("restore", "--db", club, "--from", backups / name))
        expect(any(p.name.startswith("club.before-restore-") for p in folder.iterdir()),
               "the replaced file kept as club.before-restore-TIME.sqlite")
        ok(s.run("check", "--db", club), "数据库完好")
    s.step("backup and restore (the lock file)", backup_restore)

    def bulletin():
        path = folder / "月度通报.pdf"
        ok(s.run("bulletin", "--db", club, "--month", last_month, "--out", path))
        text = pdf_text(path)
        expect("月度通报" in text and "胜利油田演示党员服务社" in text, "the bulletin's title and club in the PDF")
    s.step("bulletin (PDF, the embedded font)", bulletin)

    def returns():
        path, merged = folder / "月报表.xlsx", folder / "汇总.xlsx"
        ok(s.run("returns", "--db", club, "--month", last_month, "--out", path))
        expect(len(workbook_rows(path)) > 3, "a return with rows")
        ok(s.run("consolidate", path, "--out", merged))
        expect(merged.is_file(), "the consolidated workbook")
        refused(s.run("consolidate", roster, "--out", folder / "汇总2.xlsx"), "花名册.xlsx")
    s.step("returns, consolidate (and a roster refused as a return)", returns)

    def certificate():
        path = folder / "证明.pdf"
        person = state["volunteers"][0]
        ok(s.run("certificate", "--db", club, "--person", str(person), "--from", f"{today.year}-01-01",
                 "--out", path))
        expect("志愿服务证明" in pdf_text(path), "志愿服务证明 in the certificate")
        register = as_json(s.run("certificate", "--db", club, "--list", "--json"))
        expect(len(register) >= 4, f"the register lists the new certificate ({len(register)})")
    s.step("certificate (PDF) and its register", certificate)

    s.step("awards --json", lambda: expect(
        len(as_json(s.run("awards", "--db", club, "--year", str(today.year - 1), "--json"))["ranking"]) > 0,
        "last year's ranking"))

    def accounts():
        started = time.monotonic()
        refused(s.run("accounts", "--db", club, "--user", DEMO_USER, "--add", "值班员丙", timeout=120))
        expect(time.monotonic() - started < 60, "no wait at a password prompt")
        names = [a["name"] for a in as_json(s.run("accounts", "--db", club, "--json"))]
        expect(DEMO_USER in names and "值班员丙" not in names, f"accounts: {names}")
    s.step("a password from NUL: refused at once, nothing added", accounts)

    if english is not None:
        s.step("--help on an English system (code page 1252)", lambda: ok(s.run("--help", env=english), "demo"))

    if fingerprint is not None:
        def same_club():
            theirs = as_json(s.run(ROOT / "packaging" / "windows" / "demo_fingerprint.py",
                                   folder / "fingerprint.sqlite", program=fingerprint, name="demo fingerprint"))
            local = folder / "fingerprint-here.sqlite"
            mine = json.loads(subprocess.run([sys.executable, str(ROOT / "packaging" / "windows" /
                                                                  "demo_fingerprint.py"), str(local)],
                                             capture_output=True, text=True, check=True).stdout)
            expected = re.search(r'DEMO_ROTA_DIGEST = "([0-9a-f]{64})"',
                                 (ROOT / "tests" / "test_same_plan_everywhere.py").read_text(encoding="utf-8"))
            expect(theirs["rota"] == expected.group(1),
                   f"the demo's rota differs from the known plan the tests hold: {theirs['rota']}")
            expect(theirs == mine, f"the practice club differs from this machine's: {theirs} vs {mine}")
        s.step("the same practice club as here (seed 1: the rota and every register)", same_club)

    if window_checks:
        window_step(s, club)


def window_step(s: Smoke, club: Path) -> None:
    def window():
        shown = s.run("--db", club, "--quit-after", "3", program=s.window, timeout=180, name="window")
        if s.window == s.cli:
            ok(shown, "窗口已打开并关闭", "服务社工作台")
        else:   # the windowed fuwushe.exe has no standard output: its exit status says it closed normally
            ok(shown)
    s.step("the window opens and closes (--quit-after 3)", window)


def run_window(s: Smoke) -> None:
    """A small demo club, then the window on it: for a second program that only opens the window."""
    s.work.mkdir(parents=True, exist_ok=True)
    club = s.work / "club.sqlite"
    s.step("demo (20 people)", lambda: ok(s.run("demo", "--db", club, "--people", "20"), "已生成演示服务社"))
    window_step(s, club)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", required=True, help="the command that runs the app's command line")
    parser.add_argument("--window", help="the command that opens the window (default: the same as --cli)")
    parser.add_argument("--no-window", action="store_true", help="skip the window")
    parser.add_argument("--only-window", action="store_true", help="a demo club and the window, nothing else")
    parser.add_argument("--windows", action="store_true", help="a Windows program under Wine (code page 936)")
    parser.add_argument("--fingerprint", help="a Windows Python to compare the practice club with this machine's")
    parser.add_argument("--english-env", help="KEY=VALUE,… for a run on an English system (code page 1252)")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for every command")
    parser.add_argument("--work", type=Path, required=True, help="an empty folder to work in")
    parser.add_argument("--timeout", type=float, default=180)
    parser.add_argument("--timings", type=Path, help="write each command's seconds here (tab-separated)")
    args = parser.parse_args(argv)
    env = dict(item.split("=", 1) for item in args.env)
    cli = shlex.split(args.cli)
    smoke = Smoke(cli=cli, window=shlex.split(args.window) if args.window else cli, windows=args.windows,
                  work=args.work, encoding="gbk" if args.windows else "utf-8", env=env, timeout=args.timeout)
    english = dict(item.split("=", 1) for item in args.english_env.split(",")) if args.english_env else None
    started = time.monotonic()
    if args.only_window:
        run_window(smoke)
    else:
        run_suite(smoke, fingerprint=shlex.split(args.fingerprint) if args.fingerprint else None, english=english,
                  window_checks=not args.no_window)
    if args.timings:
        args.timings.write_text("".join(f"{name}\t{seconds:.2f}\n" for name, seconds in smoke.timings),
                                encoding="utf-8")
    total = time.monotonic() - started
    commands = len(smoke.timings)
    print(f"{commands} commands in {total:.0f} s ({total / max(commands, 1):.1f} s each)")
    if smoke.failures:
        print(f"{len(smoke.failures)} of the smoke steps failed:", *smoke.failures, sep="\n  ")
    print(f"smoke: {smoke.steps - len(smoke.failures)} passed, {len(smoke.failures)} failed")
    return 1 if smoke.failures else 0


if __name__ == "__main__":
    sys.exit(main())
