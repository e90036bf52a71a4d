"""Small widgets the pages and forms share: a person picker completing names and pinyin initials, a visitor list,
a column fitter that keeps a table's columns within its width, the chosen row of a list kept across reloads, the
year chooser, and asking where to save a PDF."""

from __future__ import annotations

import datetime
import math
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication, QEvent, QItemSelectionModel, QModelIndex, QObject, QSize, Qt, QTimer, QUrl, Signal,
)
from PySide6.QtGui import QDesktopServices, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QComboBox, QCompleter, QFileDialog, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
    QPushButton, QTableView, QVBoxLayout, QWidget,
)

from app import people
from app.ids import age_on
from app.people import RosterFilter
from app.visits import address_of

MATCHES = 12  # people offered in the popup: enough for a common surname, short enough to read
_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_NAME_ROLE = Qt.ItemDataRole.UserRole + 2
_LABEL_ROLE = Qt.ItemDataRole.UserRole + 3  # a listed volunteer's label before the lead mark


class PersonPicker(QLineEdit):
    """Type a name or pinyin initials ("zsf"); a popup offers the matches (name · age · address) to choose from.

    Down and Enter, or a click, choose one. Enter with nothing highlighted chooses the only match, or
    highlights the first of several. ``person_id()`` is the chosen id, None until someone is chosen;
    typing again forgets the choice. ``picked`` is emitted when the user chooses someone.
    """

    picked = Signal(int)
    missed = Signal(str)  # why nobody can be chosen for what was typed (died, moved away, not found …)

    def __init__(self, db, parent=None, *, volunteers: bool = False):
        super().__init__(parent)
        self._db = db
        self._volunteers = volunteers
        self._person_id: int | None = None
        self.miss = ""  # the last reason sent with ``missed``; "" while there are matches
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("Type a volunteer's name or pinyin initials (e.g. zsf)") if volunteers
                                else self.tr("Type a name or pinyin initials (e.g. zsf)"))
        self.matches = QStandardItemModel(self)
        completer = self._completer = QCompleter(self.matches, self)
        completer.setWidget(self)
        # The search already chose the people: the popup shows them all, whatever was typed.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(_NAME_ROLE)
        completer.setMaxVisibleItems(MATCHES)
        completer.activated[QModelIndex].connect(self._activated)
        # Enter chooses only a row highlighted from the keyboard (Down, Up, or the first Enter): never the row a
        # resting mouse pointer happens to light up. A click outside the list goes where it was aimed.
        self._popup = completer.popup()
        self._popup.installEventFilter(self)
        self._keying = False  # a key is moving the highlight
        self._keyed = False  # the highlight was put there from the keyboard
        self._popup.selectionModel().currentChanged.connect(self._highlight_moved)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(0)  # coalesce the keystrokes of one burst of typing
        self._search_timer.timeout.connect(self._search)
        self.textEdited.connect(self._edited)

    # -- the public face
    def person_id(self) -> int | None:
        return self._person_id

    def set_person(self, person_id: int | None) -> None:
        """Show ``person_id`` as chosen (None clears); does not emit ``picked``."""
        self._completer.popup().hide()
        if person_id is None:
            self._person_id = None
            self.clear()
            return
        person = people.get_person(self._db, person_id)
        self._person_id = person["id"]
        self.setText(self.label(person))
        self.setCursorPosition(0)

    def completer_popup(self) -> QAbstractItemView:
        return self._completer.popup()

    def label(self, person: dict) -> str:
        """"张三丰 · 76岁 · 12号楼 3单元 201室": enough to tell two people of the same name apart."""
        parts = [person["name"]]
        if person["birth_date"]:
            age = age_on(datetime.date.fromisoformat(person["birth_date"]), datetime.date.today())
            parts.append(self.tr("%1 years old").replace("%1", str(age)))
        address = address_of(person)
        if address:
            parts.append(address)
        return " · ".join(parts)

    # -- searching
    def _edited(self, _text: str) -> None:
        self._person_id = None
        self._search_timer.start()

    def _search(self) -> list[dict]:
        text = self.text().strip()
        self.matches.clear()
        if not text:
            self._completer.popup().hide()
            if self.miss:
                self.miss = ""
                self.missed.emit("")
            return []
        # Only the first few people are looked for and read, so this stays quick on the UI thread at 300,000 people.
        found_ids = people.search_page(self._db, RosterFilter(text=text, volunteers=self._volunteers),
                                       limit=MATCHES).ids[:MATCHES]
        found = people.people_by_ids(self._db, found_ids)
        row_height = int(self.fontMetrics().height() * 1.6)  # rows apart enough to point at one
        for person in found:
            item = QStandardItem(self.label(person))
            item.setSizeHint(QSize(0, row_height))
            item.setData(person["id"], _ID_ROLE)
            item.setData(person["name"], _NAME_ROLE)
            item.setEditable(False)
            self.matches.appendRow(item)
        if found:
            self.miss = ""
            self._completer.complete()
            # Nothing is highlighted until the user says so (Down, or Enter on several matches): a pale
            # "current" first row is easily mistaken for a choice already made.
            self._completer.popup().setCurrentIndex(QModelIndex())
            self._keyed = False
        else:
            self._completer.popup().hide()
            self.miss = people.why_not_found(self._db, text, volunteers=self._volunteers)
        self.missed.emit(self.miss)
        return found

    def _activated(self, index: QModelIndex) -> None:
        person_id = index.data(_ID_ROLE)
        if person_id is None:
            return
        self._choose(int(person_id))

    def _choose(self, person_id: int) -> None:
        self.set_person(person_id)
        self.picked.emit(person_id)

    def eventFilter(self, watched, event) -> bool:
        popup = self._popup
        if watched is popup and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                self._keying = True
            elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self._highlight_keyed():
                popup.setCurrentIndex(QModelIndex())  # lit by the mouse only: not a choice
        elif watched is popup and event.type() == QEvent.Type.MouseButtonPress \
                and not popup.rect().contains(event.position().toPoint()):
            aimed = QApplication.widgetAt(event.globalPosition().toPoint())
            if aimed is not None and aimed is not self and aimed.window() is self.window():
                QTimer.singleShot(0, self, lambda: aimed.setFocus(Qt.FocusReason.MouseFocusReason))
        return False

    def _highlight_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._keyed, self._keying = self._keying and current.isValid(), False

    def _highlight_keyed(self) -> bool:
        return self._keyed and self._popup.currentIndex().isValid()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            popup = self._completer.popup()
            if popup.isVisible():
                if self._highlight_keyed():
                    event.ignore()  # the completer chooses the highlighted person
                    return
                self._enter_without_highlight()
                event.accept()
                return
            if self._person_id is None and self.text().strip():
                if self._search_timer.isActive():
                    self._search_timer.stop()
                found = self._search()
                if len(found) == 1:
                    self._completer.popup().hide()
                    self._choose(found[0]["id"])
                event.accept()
                return
            event.ignore()  # nothing to choose: the form decides (next field, say)
            return
        super().keyPressEvent(event)

    def _enter_without_highlight(self) -> None:
        popup = self._completer.popup()
        if self.matches.rowCount() == 1:
            popup.hide()
            self._choose(int(self.matches.item(0).data(_ID_ROLE)))
        elif self.matches.rowCount() > 1:
            self._keying = True
            popup.setCurrentIndex(popup.model().index(0, 0))

    def focusOutEvent(self, event) -> None:
        # Tabbing on with a unique match typed but not chosen: choose it, as the user plainly meant.
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason) \
                and self._person_id is None and self.text().strip():
            self._search_timer.stop()
            found = self._search()
            self._completer.popup().hide()
            if len(found) == 1:
                self._choose(found[0]["id"])
        super().focusOutEvent(event)


class VisitorList(QWidget):
    """The volunteers who went: pick each with a volunteer-only PersonPicker; remove with the button or Delete.

    With ``lead=True`` (the helpers of a mutual-aid group) the first volunteer listed is marked as the lead, and
    a button moves the chosen one to the top.
    """

    changed = Signal()

    def __init__(self, db, parent=None, *, lead: bool = False):
        super().__init__(parent)
        self._db = db
        self._lead = lead
        self.picker = PersonPicker(db, volunteers=True)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.setEnabled(False)
        self.lead_button = QPushButton(self.tr("Make lead"))
        self.lead_button.setAutoDefault(False)
        self.lead_button.setEnabled(False)
        if not lead:
            self.lead_button.hide()
        rows = self.list.fontMetrics().height() * 3 + 16
        self.list.setFixedHeight(rows)
        self.list.installEventFilter(self)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.remove_button)
        side.addWidget(self.lead_button)
        side.addStretch()
        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.list, 1)
        below.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.picker)
        layout.addLayout(below)
        self.setFocusProxy(self.picker)

        self.picker.picked.connect(self._picked)
        self.remove_button.clicked.connect(self.remove_current)
        self.lead_button.clicked.connect(self.make_current_lead)
        self.list.currentRowChanged.connect(self._current_changed)
        self._update_focus()

    def ids(self) -> list[int]:
        return [self.list.item(row).data(_ID_ROLE) for row in range(self.list.count())]

    def set_ids(self, person_ids: list[int]) -> None:
        self.list.clear()
        for person in people.people_by_ids(self._db, list(person_ids)):
            self._append(person)
        self._update_focus()
        self.changed.emit()

    def _append(self, person: dict) -> None:
        item = QListWidgetItem(self.picker.label(person))
        item.setData(_ID_ROLE, person["id"])
        item.setData(_LABEL_ROLE, item.text())
        self.list.addItem(item)
        self._mark_lead()

    def _mark_lead(self) -> None:
        if not self._lead:
            return
        for row in range(self.list.count()):
            item = self.list.item(row)
            label = item.data(_LABEL_ROLE)
            item.setText(self.tr("Lead: %1").replace("%1", label) if row == 0 else label)

    def _current_changed(self, row: int) -> None:
        self.remove_button.setEnabled(row >= 0)
        self.lead_button.setEnabled(row > 0)

    def make_current_lead(self) -> None:
        """Move the chosen volunteer to the top of the list: the first one leads."""
        row = self.list.currentRow()
        if row <= 0:
            return
        self.list.insertItem(0, self.list.takeItem(row))
        self._mark_lead()
        self.list.setCurrentRow(0)
        self.changed.emit()

    def _picked(self, person_id: int) -> None:
        if person_id not in self.ids():
            self._append(people.get_person(self._db, person_id))
            self._update_focus()
            self.changed.emit()
        self.picker.set_person(None)  # ready for the next volunteer
        self.picker.setFocus()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self._mark_lead()
        self._update_focus()
        self.changed.emit()
        if self.list.count() == 0:
            self.picker.setFocus()

    def _update_focus(self) -> None:
        # An empty list is no stop on the way through the form with Tab.
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus if self.list.count() else Qt.FocusPolicy.ClickFocus)
        if self.list.count() == 0:
            self.remove_button.setEnabled(False)
            self.lead_button.setEnabled(False)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress and (
                event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) or event.matches(QKeySequence.StandardKey.Delete)):
            self.remove_current()
            return True
        return super().eventFilter(watched, event)


def list_table(model, name: str) -> QTableView:
    """A read-only table of whole rows, one selected at a time, as every register's list is shown."""
    table = QTableView()
    table.setObjectName(name)
    if model is not None:
        table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    return table


class ColumnFitter(QObject):
    """Fits a table's columns to its width: each column gets the width its typical contents need, the free-text
    column ``stretch`` the rest. When the window is too narrow for that (a small screen, large text), the
    ``shrinkable`` columns give up a share of their width, down to half of it, and their text wraps onto a second
    line of taller rows, so an address or a reason is still shown whole rather than cut with "…" (on a very narrow
    window, down to four characters); dates, names and states keep their width.
    """

    ROW_LINES = 1.8  # rows 1.8 lines tall for elderly eyes
    WRAPPED_LINES = 2.7  # two lines of text and the same room around them

    def __init__(self, table: QTableView, stretch: int, shrinkable: set[int] | None = None):
        super().__init__(table)
        self._table = table
        self._stretch = stretch
        self._shrinkable = set(shrinkable or ()) | {stretch}
        self._wanted: list[int] = []
        table.viewport().installEventFilter(self)

    def size_from(self, model, keys: list[str], samples: dict[str, str], rows: list) -> None:
        """Wanted widths from sample texts, and for the columns that never shrink from the texts of ``rows``
        (``model.text(key, row)``)."""
        metrics = self._table.fontMetrics()
        wanted = []
        for column, key in enumerate(keys):
            header = model.headerData(column, Qt.Orientation.Horizontal) or ""
            width = max(metrics.horizontalAdvance(samples.get(key, "")), metrics.horizontalAdvance(header))
            if column not in self._shrinkable:
                shown = getattr(model, "marked", model.text)  # with 已更正 / 已作废 where a row carries it
                width = max([width] + [metrics.horizontalAdvance(shown(key, row)) for row in rows])
            wanted.append(width + metrics.height())
        self.set_wanted(wanted)

    def set_wanted(self, widths: list[int]) -> None:
        """The width each column needs (for the stretch column: the least it should have when there is room)."""
        self._wanted = list(widths)
        self.fit()

    def fit(self) -> None:
        if not self._wanted:
            return
        available = self._table.viewport().width()
        wanted = list(self._wanted)
        total = sum(wanted)
        squeezed = total > available
        if not squeezed:
            wanted[self._stretch] += available - total
        else:
            em = self._table.fontMetrics().horizontalAdvance("国")
            # Half of what they want (the text wraps onto a second line), or, on a very narrow window, four
            # characters (the rest cut, whole in the details below the table).
            floors = [max(min(w, 4 * em), math.ceil(w / 2) + em) if c in self._shrinkable else w
                      for c, w in enumerate(wanted)]
            if sum(floors) > available:
                floors = [min(w, 4 * em) if c in self._shrinkable else w for c, w in enumerate(wanted)]
            spare = sum(w - f for w, f in zip(wanted, floors))
            cut = min(total - available, spare)
            if spare:
                # Each gives up its share, rounded up so that no scroll bar appears.
                wanted = [w - math.ceil((w - f) * cut / spare) for w, f in zip(wanted, floors)]
        self._table.setWordWrap(squeezed)
        lines = self.WRAPPED_LINES if squeezed else self.ROW_LINES
        self._table.verticalHeader().setDefaultSectionSize(int(self._table.fontMetrics().height() * lines))
        for column, width in enumerate(wanted):
            self._table.setColumnWidth(column, width)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False


def ask_pdf_path(parent: QWidget, title: str, suggested_name: str) -> Path | None:
    """Ask where to save a PDF (in the home folder by default); None when the user cancels."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested_name),
                                            QCoreApplication.translate("widgets", "PDF files (*.pdf)"))
    if not chosen:
        return None
    return Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")


def offer_to_open(parent: QWidget, title: str, path: Path) -> None:
    """Say where the PDF went and offer to open it in the system's viewer, to print."""
    answer = QMessageBox.question(parent, title, QCoreApplication.translate(
        "widgets", "Saved to %1. Open it now to print?").replace("%1", Path(path).name))
    if answer == QMessageBox.StandardButton.Yes:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def year_combo(*, all_years: bool = True) -> QComboBox:
    """This year and the five before it, newest first (this year chosen), after "All years" when offered;
    ``currentData()`` is the year, or None for all."""
    combo = QComboBox()
    if all_years:
        combo.addItem(QCoreApplication.translate("widgets", "All years"), None)
    this_year = datetime.date.today().year
    for year in range(this_year, this_year - 6, -1):
        combo.addItem(str(year), year)
    combo.setCurrentIndex(1 if all_years else 0)
    return combo


class KeptRow(QObject):
    """The chosen row of a list table (a ``ListModel``), kept by its id when the list is read again after a save
    or a new filter; ``chosen`` carries the row (or None) whenever the user moves to another."""

    chosen = Signal(object)

    def __init__(self, table: QTableView):
        super().__init__(table)
        self._table = table
        self.row_id: int | None = None
        table.selectionModel().currentRowChanged.connect(self._moved)

    def row(self) -> dict | None:
        index = self._table.selectionModel().currentIndex()
        return self._table.model().row_at(index.row()) if index.isValid() else None

    def _moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self._table.model().row_at(current.row()) if current.isValid() else None
        self.row_id = row["id"] if row else None
        self.chosen.emit(row)

    def set_rows(self, rows: list[dict]) -> None:
        """Give the model its new rows and choose again, scrolled into view, the row chosen before."""
        model = self._table.model()
        keep = self.row_id
        model.set_rows(rows)
        found = model.row_of(keep) if keep is not None else None
        if found is not None:
            index = model.index(found, 0)
            self._table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self._table.scrollTo(index)
