"""The director's audit viewer (审计日志): who changed what and when, filtered by person, user, date and register,
with the hash chain's verdict on top."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
)

from app import audit_log
from app.db.audit import tamper_problems
from app.ui.dialogs.forms import ERROR_STYLE, OK_STYLE
from app.ui.models.listing import ListModel
from app.ui.text import fill
from app.ui.widgets import PersonPicker, list_table

SHOWN = 2000

COLUMNS = (
    ("at", QT_TRANSLATE_NOOP("AuditModel", "When")),
    ("actor", QT_TRANSLATE_NOOP("AuditModel", "Who")),
    ("action", QT_TRANSLATE_NOOP("AuditModel", "Did")),
    ("table", QT_TRANSLATE_NOOP("AuditModel", "Register")),
    ("row_id", QT_TRANSLATE_NOOP("AuditModel", "Record")),
    ("change", QT_TRANSLATE_NOOP("AuditModel", "What changed")),
)


class AuditModel(ListModel):
    COLUMNS = COLUMNS

    def text(self, key: str, row: dict) -> str:
        if key == "at":
            return row["at"].replace("T", " ")
        if key == "action":
            return QCoreApplication.translate("AuditModel", "added") if row["action"] == "insert" \
                else QCoreApplication.translate("AuditModel", "changed")
        if key == "table":
            return row["table_label"]
        if key == "row_id":
            return str(row["row_id"])
        if key == "change":
            return audit_log.describe_change(row)
        return str(row[key] or "")


class AuditDialog(QDialog):
    def __init__(self, db, parent=None):
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("Audit log"))
        self.chain = QLabel()
        self.chain.setObjectName("auditChain")
        self.chain.setWordWrap(True)
        self.user = QComboBox()
        self.user.addItem(self.tr("Everyone"), None)
        for name in audit_log.audit_actors(db):
            self.user.addItem(name, name)
        self.table_box = QComboBox()
        self.table_box.addItem(self.tr("All registers"), None)
        for name in audit_log.audit_tables(db):
            self.table_box.addItem(audit_log.TABLE_LABELS.get(name, name), name)
        self.person = PersonPicker(db)
        self.person.setPlaceholderText(self.tr("Any person"))
        today = datetime.date.today()
        self.start = QLineEdit((today - datetime.timedelta(days=30)).isoformat())
        self.end = QLineEdit(today.isoformat())
        self.apply_button = QPushButton(self.tr("Show"))
        self.count = QLabel()
        grid = QGridLayout()
        for column, (label, widget) in enumerate(((self.tr("User"), self.user), (self.tr("Register"), self.table_box),
                                                  (self.tr("Person"), self.person), (self.tr("From"), self.start),
                                                  (self.tr("Until"), self.end))):
            caption = QLabel(label)
            caption.setBuddy(widget)
            grid.addWidget(caption, 0, column)
            grid.addWidget(widget, 1, column)
        grid.addWidget(self.apply_button, 1, 5)
        self.model = AuditModel(self)
        self.table = list_table(self.model, "auditTable")
        self.table.horizontalHeader().setStretchLastSection(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chain)
        layout.addLayout(grid)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.apply_button.clicked.connect(self.refresh)
        for box in (self.user, self.table_box):
            box.currentIndexChanged.connect(self.refresh)
        self.person.picked.connect(lambda _id: self.refresh())
        self.person.textChanged.connect(lambda text: self.refresh() if not text else None)
        for box in (self.start, self.end):
            box.returnPressed.connect(self.refresh)
        em = self.fontMetrics().horizontalAdvance("国")
        self.resize(em * 70, em * 36)
        self._check_chain()
        self.refresh()

    def _check_chain(self) -> None:
        # The same findings as `check`: the chain and its anchor, the schema, rows changed with no audit row.
        problems = tamper_problems(self._db)
        if problems:
            self.chain.setStyleSheet(ERROR_STYLE)
            self.chain.setText("；".join(problems[:3]) + ("……" if len(problems) > 3 else ""))
        else:
            self.chain.setStyleSheet(OK_STYLE)
            self.chain.setText(self.tr("✓ The log is as it was written: no row has been changed or removed."))

    def refresh(self) -> None:
        dates = []
        for box in (self.start, self.end):
            text = box.text().strip()
            try:
                dates.append(datetime.date.fromisoformat(text).isoformat() if text else None)
            except ValueError:
                self.count.setStyleSheet(ERROR_STYLE)
                self.count.setText(self.tr("Type the dates as 2026-01-31."))
                return
        rows = audit_log.read(self._db, actor=self.user.currentData(), table=self.table_box.currentData(),
                                  person_id=self.person.person_id(), start=dates[0], end=dates[1], limit=SHOWN)
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.count.setStyleSheet("")
        if len(rows) >= SHOWN:
            self.count.setText(fill(self.tr("The newest %1 changes; narrow the filters to see older ones."), SHOWN))
        else:
            self.count.setText(self.tr("%n changes", "", len(rows)))
