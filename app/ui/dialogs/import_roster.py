"""The roster import wizard: choose the file and sheet, check the column mapping, see the report, import.

Reading and importing run on a background job with a progress bar; cancel leaves the database as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QProgressBar, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWizard, QWizardPage,
)

from app.backups import back_up
from app.errors import KnownError
from app.reports.roster import import_roster
from app.roster_import import ImportCancelled, inspect
from app.roster_layout import COLUMNS
from app.ui import messages
from app.ui.messages import show_bug
from app.ui.operations import BackgroundJob
from app.workbook_safety import is_text_list

_ERROR_STYLE = "color: #b00020;"


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


class FilePage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Choose the roster file"))
        self.setSubTitle(self.tr("A spreadsheet from Excel or WPS (.xlsx, .xls), LibreOffice (.ods) or a CSV list. The app finds the header row and the roster sheet itself."))
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.sheet = QComboBox()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("File")))
        layout.addLayout(row)
        self.sheet_label = QLabel(self.tr("Sheet"))
        layout.addWidget(self.sheet_label)
        layout.addWidget(self.sheet)
        layout.addWidget(self.error)
        layout.addStretch()
        self.path.editingFinished.connect(self.load)
        self.sheet.activated.connect(lambda: self.load(self.sheet.currentText()))

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the roster file"), str(Path.home()),
                                              self.tr("Spreadsheets and lists (*.xlsx *.xlsm *.xls *.et *.ods *.csv *.txt)"))
        if name:
            self.path.setText(name)
            self.load()

    def load(self, sheet: str | None = None) -> None:
        """Read the layout of the chosen file (small: only the first rows are read)."""
        self.error.clear()
        self._wizard.layout_info = None
        text = self.path.text().strip()
        if text:
            try:
                info = inspect(text, sheet or None)
            except KnownError as exc:
                self.error.setText(str(exc))
            else:
                self._wizard.layout_info = info
                self.sheet.blockSignals(True)
                self.sheet.clear()
                self.sheet.addItems(info.sheets)
                self.sheet.setCurrentText(info.sheet)
                self.sheet.blockSignals(False)
                for widget in (self.sheet_label, self.sheet):  # a CSV list has no sheets to choose from
                    widget.setVisible(not is_text_list(text))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._wizard.layout_info is not None


class MappingPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Check the columns"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setObjectName("mappingTable")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.error = QLabel()
        self.error.setStyleSheet(_ERROR_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        info = self._wizard.layout_info
        if is_text_list(self._wizard.file_page.path.text().strip()):
            summary = self.tr("Header in row %2. The first row below says which roster column each column goes "
                              "into; change it where the guess is wrong. Columns set to “not imported” are left out.")
        else:
            summary = self.tr("Sheet “%1”, header in row %2. The first row below says which roster column each "
                              "column goes into; change it where the guess is wrong. Columns set to “not imported” "
                              "are left out.")
        self.summary.setText(summary.replace("%1", info.sheet).replace("%2", str(info.header_row)))
        self.table.clear()
        self.table.setColumnCount(len(info.headers))
        self.table.setRowCount(1 + len(info.preview))
        self.table.setHorizontalHeaderLabels([h or self.tr("(no header)") for h in info.headers])
        self.combos = []
        for column in range(len(info.headers)):
            combo = QComboBox()
            combo.addItem(self.tr("(not imported)"), None)
            for spec in COLUMNS:
                combo.addItem(spec.header, spec.field)
            combo.setCurrentIndex(max(0, combo.findData(info.mapping.get(column))))
            combo.currentIndexChanged.connect(self.completeChanged)
            self.table.setCellWidget(0, column, combo)
            self.combos.append(combo)
        for row, (_, values) in enumerate(info.preview, start=1):
            for column, value in enumerate(values[:len(info.headers)]):
                self.table.setItem(row, column, QTableWidgetItem(_cell_text(value)))
        self.table.resizeRowsToContents()

    def mapping(self) -> dict[int, str | None]:
        return {column: combo.currentData() for column, combo in enumerate(self.combos)}

    def isComplete(self) -> bool:
        chosen = [f for f in self.mapping().values() if f]
        if "name" not in chosen:
            self.error.setText(self.tr("Choose which column holds the name (姓名)."))
            return False
        twice = sorted({f for f in chosen if chosen.count(f) > 1})
        if twice:
            headers = {c.field: c.header for c in COLUMNS}
            self.error.setText(self.tr("A roster column is chosen twice: %1").replace("%1", "、".join(headers[f] for f in twice)))
            return False
        self.error.clear()
        return True

    def validatePage(self) -> bool:
        self._wizard.mapping = self.mapping()
        return True


class _JobPage(QWizardPage):
    """A page that runs the import (checking or storing) in the background, with progress and cancel."""

    done = Signal()

    def __init__(self, wizard: "ImportWizard", dry_run: bool):
        super().__init__()
        self._wizard = wizard
        self._dry_run = dry_run
        self.job: BackgroundJob | None = None
        self.report = None
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("importResult")
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.body = QVBoxLayout(self)
        self.body.addLayout(row)
        self.body.addWidget(self.result)

    def start(self, skip_invalid: bool = False, update: bool = False) -> None:
        self.report = None
        self.result.clear()
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        wizard = self._wizard
        path, sheet, mapping, actor = wizard.file_page.path.text().strip(), wizard.layout_info.sheet, wizard.mapping, wizard.actor
        dry_run = self._dry_run

        db_path = wizard.db_path

        def work(db, progress, cancelled):
            def back_up_first():  # the data as it was before the import, in the backup folder
                progress("backup", 0, 0)
                back_up(db, db_path, reason="before-import", only_if_changed=True)

            return import_roster(db, path, actor=actor, sheet=sheet, mapping=mapping, dry_run=dry_run,
                                 before_store=back_up_first,
                                 skip_invalid=skip_invalid, update=update, progress=progress, cancelled=cancelled)

        self.job = BackgroundJob(wizard.db_path, work, self)
        self.job.progress.connect(self._progress)
        self.job.finished.connect(self._finished)
        self.job.failed.connect(self._failed)
        self.job.start()
        self.completeChanged.emit()

    def cancel(self) -> None:
        if self.job is not None and self.job.is_running():
            self.job.cancel()
            self.cancel_button.setEnabled(False)

    def _progress(self, stage: str, done: int, total: int) -> None:
        if stage == "backup":
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("Backing up the data first…"))
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        text = self.tr("Reading row %1 of about %2") if stage == "read" else self.tr("Saving %1 of %2")
        self.progress.setFormat(text.replace("%1", str(done)).replace("%2", str(total)))

    def _finished(self, report) -> None:
        self.report = report
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.progress.setFormat(self.tr("Done"))
        self.cancel_button.setEnabled(False)
        self.show_report(report)
        self.completeChanged.emit()
        self.done.emit()

    def _failed(self, text: str, exc) -> None:
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        if isinstance(exc, KnownError):
            self.result.setStyleSheet(_ERROR_STYLE if not isinstance(exc, ImportCancelled) else "")
            self.result.setText(str(exc))
        else:
            show_bug(self, text)
        self.completeChanged.emit()
        self.done.emit()

    def running(self) -> bool:
        return self.job is not None and self.job.is_running()



class CheckPage(_JobPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__(wizard, dry_run=True)
        self.setTitle(self.tr("Check every row"))
        self.setSubTitle(self.tr("Nothing is saved yet. Every row is checked with the same rules as the person form."))
        self.errors = QTableWidget(0, 5)
        self.errors.setObjectName("rejectedTable")
        self.errors.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Name"), self.tr("Column"), self.tr("Value"),
                                               self.tr("Reason")])
        self.errors.verticalHeader().hide()
        self.errors.horizontalHeader().setStretchLastSection(True)
        self.errors.setWordWrap(True)  # a long reason wraps in its cell instead of ending in …
        self.skip_invalid = QCheckBox(self.tr("Skip the rows with errors and import the others"))
        self.update = QCheckBox(self.tr("Update people already on the roster with the file's values"))
        self.skip_invalid.toggled.connect(self.completeChanged)
        self.update.toggled.connect(self._recheck)
        self.body.addWidget(self.errors, 1)
        self.body.addWidget(self.skip_invalid)
        self.body.addWidget(self.update)
        # Its button is 导入, not 下一步: it is what stores the people, and once they are stored there is no going
        # back to a page that says nothing has been saved.
        self.setCommitPage(True)

    def initializePage(self) -> None:
        self.errors.setRowCount(0)
        self.start(update=self.update.isChecked())

    def _recheck(self) -> None:
        if not self.running():
            self.start(update=self.update.isChecked())

    def show_report(self, report) -> None:
        bad_rows = len({r.row for r in report.rejected})
        text = self.tr("Read %1 rows: %2 to add, %3 to update, %4 duplicates skipped, %5 rows with errors.")
        if report.rejected:  # the counts are of the good rows, imported only when the bad ones are skipped
            text = self.tr("Read %1 rows: %5 rows with errors; the others would add %2 people and update %3 (%4 "
                           "duplicates skipped).")
        for key, value in (("%1", report.read), ("%2", report.imported), ("%3", report.updated),
                           ("%4", report.skipped_duplicates), ("%5", bad_rows)):
            text = text.replace(key, str(value))
        if report.layout and report.layout.ignored:
            text += "\n" + self.tr("Columns not imported: %1").replace("%1", "、".join(report.layout.ignored))
        if report.duplicates:  # which rows, and why: the same person twice in the file, or already on the roster
            shown = "；".join(self.tr("row %1 (%2)").replace("%1", str(row)).replace("%2", why)
                             for row, why in report.duplicates[:5])
            more = self.tr(" and %1 more").replace("%1", str(len(report.duplicates) - 5)) \
                if len(report.duplicates) > 5 else ""
            text += "\n" + self.tr("Skipped as duplicates: %1%2.").replace("%1", shown).replace("%2", more)
        if report.error_workbook:
            text += "\n" + self.tr("The rows with errors were saved to %1 with the reasons.").replace("%1", str(report.error_workbook))
        if report.rejected:
            text += "\n" + self.tr("Nothing is imported while rows have errors: correct the file and choose it again, "
                                    "or tick “skip the rows with errors” below.")
        self.result.setStyleSheet("")
        self.result.setText(text)
        self.errors.setRowCount(len(report.rejected))
        for row, item in enumerate(report.rejected):
            for column, value in enumerate((str(item.row), item.name, item.column, item.value, item.reason)):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                self.errors.setItem(row, column, cell)
        self.errors.resizeColumnsToContents()
        self.errors.resizeRowsToContents()

    def isComplete(self) -> bool:
        if self.report is None:
            return False
        return not self.report.rejected or self.skip_invalid.isChecked()

    def validatePage(self) -> bool:
        self._wizard.skip_invalid = self.skip_invalid.isChecked()
        self._wizard.update = self.update.isChecked()
        return True


class RunPage(_JobPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__(wizard, dry_run=False)
        self.setTitle(self.tr("Import"))
        self.body.addStretch()

    def initializePage(self) -> None:
        self.start(skip_invalid=self._wizard.skip_invalid, update=self._wizard.update)

    def show_report(self, report) -> None:
        text = self.tr("Imported %1 people and updated %2; %3 duplicates skipped.")
        for key, value in (("%1", report.imported), ("%2", report.updated), ("%3", report.skipped_duplicates)):
            text = text.replace(key, str(value))
        bad_rows = len({r.row for r in report.rejected})
        if bad_rows:
            text += " " + self.tr("%1 rows with errors were not imported; they are in %2 with the reasons.").replace(
                "%1", str(bad_rows)).replace("%2", report.error_workbook.name if report.error_workbook else "")
        self.result.setText(text)

    def isComplete(self) -> bool:
        return not self.running()


class ImportWizard(QWizard):
    def __init__(self, db_path: Path, actor: str, parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.actor = actor
        self.layout_info = None
        self.mapping: dict[int, str | None] = {}
        self.skip_invalid = False
        self.update = False
        self.setWindowTitle(self.tr("Import a roster from Excel"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.run_page = RunPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.run_page):
            self.addPage(page)
        for button, text in ((QWizard.WizardButton.NextButton, self.tr("Next >")),
                             (QWizard.WizardButton.BackButton, self.tr("< Back")),
                             (QWizard.WizardButton.CommitButton, self.tr("Import")),
                             (QWizard.WizardButton.FinishButton, self.tr("Finish")),
                             (QWizard.WizardButton.CancelButton, self.tr("Close"))):
            self.setButtonText(button, text)
        self.resize(1100, 720)

    def imported(self) -> bool:
        return bool(self.run_page.report and self.run_page.report.stored)

    def reject(self) -> None:
        # A file chosen and not yet imported: Esc or 关闭 asks first, the safe answer keeping the wizard open.
        if self.layout_info is not None and self.run_page.report is None and not messages.confirm_discard(self):
            return
        # Closing while a job runs cancels it first: the database stays as it was.
        for page in (self.check_page, self.run_page):
            if page.running():
                page.cancel()
                page.job.wait()
        super().reject()
