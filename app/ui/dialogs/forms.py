"""What the visit and report forms share: a field with its reason shown beneath it, and keyboard-first entry.

Enter moves to the next field (as in the paper-form software volunteers know), Ctrl+Enter saves, and a
number key 1-5 chooses the item of that number in a numbered list of kinds.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QPlainTextEdit, QScrollArea, QTextEdit, QVBoxLayout, QWidget,
)

from app import ids
from app.errors import ValidationError
from app.ui import messages
from app.ui.datefield import DateField
from app.ui.widgets import PersonPicker, VisitorList
from app.ui.write import Written, write

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


class NumberKeys(QObject):
    """While the combo box has focus, the key 1..9 chooses its item of that number."""

    def eventFilter(self, watched, event) -> bool:
        if isinstance(watched, QComboBox) and event.type() == QEvent.Type.KeyPress \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier \
                and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_9:
            number = event.key() - Qt.Key.Key_1
            if number < watched.count():
                watched.setCurrentIndex(number)
                return True
        return super().eventFilter(watched, event)


def numbered_combo(labels: dict[str, str], placeholder: str, parent: QObject) -> QComboBox:
    """A combo of ``labels`` (code -> label) shown as "1  label", with nothing chosen until the user chooses."""
    combo = QComboBox()
    for number, (code, label) in enumerate(labels.items(), start=1):
        combo.addItem(f"{number}  {label}", code)
    combo.setPlaceholderText(placeholder)
    combo.setCurrentIndex(-1)
    keys = NumberKeys(parent)
    combo.installEventFilter(keys)
    combo._number_keys = keys  # keep it alive with the combo
    return combo


def small_text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab leaves the box, as in every other field
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


def fit_height(dialog: QDialog, min_ems: int) -> None:
    """At least ``min_ems`` characters wide, and just as tall as the wrapped text needs at that width."""
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance("国") * min_ems)
    width = max(dialog.minimumWidth(), dialog.sizeHint().width())
    height = dialog.heightForWidth(width)
    dialog.resize(width, height if height > 0 else dialog.sizeHint().height())


def form_layout() -> QFormLayout:
    """Labels beside their fields, the fields taking the width (the forms' common layout)."""
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return form


def save_buttons(dialog: "FormDialog", save_text: str, cancel_text: str) -> QDialogButtonBox:
    """Save and Cancel, worded for the form; Save calls ``dialog.save`` and is kept as ``dialog.save_button``."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    dialog.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.save_button.setText(save_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def typed_state(root: QWidget) -> list:
    """What the user can have typed or chosen under ``root``: texts, choices, ticks and numbers, in widget order."""
    state = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and not isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            state.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
            state.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            state.append((widget.currentIndex(), widget.currentText() if widget.isEditable() else None))
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            state.append(widget.isChecked())
        elif isinstance(widget, QAbstractSpinBox):
            state.append(widget.text())
        elif isinstance(widget, QListWidget):
            state.append([widget.item(row).text() for row in range(widget.count())])
    return state


class KeepsTyping:
    """A dialog that asks before its typing is thrown away: Esc, 取消 or the window's ✕ on a form whose fields have
    changed since it opened ask first (app.ui.messages.confirm_discard); an untouched form just closes."""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_opened_with", None) is None:
            self._opened_with = typed_state(self)

    def typed(self) -> bool:
        opened = getattr(self, "_opened_with", None)
        return opened is not None and typed_state(self) != opened

    def reject(self) -> None:
        if self.typed() and not messages.confirm_discard(self):
            return
        super().reject()


class FormDialog(KeepsTyping, QDialog):
    """A form whose fields each have a line kept beneath them for their reason (red when the field is wrong), so
    nothing moves when a reason appears or goes; Enter moves on, Ctrl+Enter saves, closing unsaved asks first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._errors: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        # Reasons that belong to no one field (the record's state, say); each form places this label.
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self._errors["status"] = self.general_error
        for keys in (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return), QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter)):
            QShortcut(keys, self, self.save)

    def save(self) -> None:  # pragma: no cover - each form has its own
        raise NotImplementedError

    def add_row(self, form: QFormLayout, label: str, widget: QWidget, key: str | None) -> QLabel:
        self.fields_form = form  # the form the last field went into: a correction's reason row joins it
        error = QLabel()
        error.setObjectName("fieldReason")
        error.setWordWrap(True)
        error.setMinimumHeight(self.fontMetrics().lineSpacing())  # kept for a reason: nothing moves when one shows
        if key:
            self._errors[key] = error
            self._fields[key] = widget
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        picker = widget.picker if isinstance(widget, VisitorList) else widget
        if isinstance(picker, PersonPicker) and key:  # "没找到", "已去世": said as soon as typing finds nobody
            picker.missed.connect(lambda reason, key=key: self.show_error(key, reason or None))
        if isinstance(widget, DateField):
            row = QHBoxLayout()
            row.addWidget(widget, 1)
            row.addWidget(widget.calendar_button)
            column.addLayout(row)
        else:
            column.addWidget(widget)
        column.addWidget(error)
        form.addRow(label, cell)
        return error

    def show_error(self, key: str, reason: str | None, ok_text: str | None = None) -> None:
        label = self._errors.get(key)
        if label is None:
            return
        if reason:
            label.setStyleSheet(ERROR_STYLE)
            label.setText(reason)
            label.show()
        elif ok_text:
            label.setStyleSheet(OK_STYLE)
            label.setText(ok_text)
            label.show()
        else:
            label.clear()
            if label is self.general_error:
                label.hide()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:  # the line kept for a reason follows the text size
            for label in self._errors.values():
                if label is not self.general_error:
                    label.setMinimumHeight(label.fontMetrics().lineSpacing())

    def clear_errors(self) -> None:
        for key in self._errors:
            self.show_error(key, None)

    def write(self, work, **saying) -> Written:
        """Run the form's domain write ``work(db)`` through the window's one write path (app.ui.write): the
        refusals go beside their fields, what changed is announced, and ``saying`` (``said``, ``verb``, ``undo``)
        what the save did. The form's database is ``self._db``."""
        return write(self, self._db, work, form=self, **saying)

    def explain(self, errors: dict[str, str]) -> dict[str, str]:
        """The rules' reasons in this form's words. A name typed but not chosen from the list is the usual slip:
        it says how to choose instead. A form adds its own cases by overriding this."""
        errors = dict(errors)
        for key, widget in self._fields.items():
            if key in errors and isinstance(widget, PersonPicker) and widget.person_id() is None \
                    and widget.text().strip():
                errors[key] = widget.miss or QCoreApplication.translate(
                    "VisitDialog", "Choose the person from the list that appears as you type.")
        return errors

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each reason beside its field; focus the first wrong field, in the order the form shows them."""
        errors = self.explain(errors)
        self.clear_errors()
        unplaced = []
        for key, reason in errors.items():
            if key in self._errors:
                self.show_error(key, reason)
            else:
                unplaced.append(reason)
        if unplaced:
            self.show_error("status", "；".join(unplaced))
        for key, widget in self._fields.items():
            if key in errors:
                widget.setFocus()
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
                self._bring_into_view(widget, self._errors[key])
                break
        else:
            if unplaced:
                self._bring_into_view(self.general_error)

    def _bring_into_view(self, *widgets: QWidget) -> None:
        """On a form that scrolls (large text, a small screen), scroll to the wrong field and its red reason."""
        area = widgets[0].parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            for widget in widgets:
                area.ensureWidgetVisible(widget)

    def watch_date(self, box: QLineEdit, key: str, *, ahead: bool = False) -> None:
        """Check a date as soon as the user leaves the field, and say which day it was read as (ids.event_date, as
        the domain reads it; ``ahead`` for a day planned, such as a follow-up)."""

        def check() -> None:
            text = box.text().strip()
            if not text:
                self.show_error(key, None)
                return
            try:
                day = ids.event_date(text, key, ahead=ahead)
            except ValidationError as exc:
                self.show_error(key, exc.reason)
            else:
                shown = day.isoformat()
                self.show_error(key, None, None if text == shown else self.tr("✓ Read as %1").replace("%1", shown))

        box.editingFinished.connect(check)
        if isinstance(box, DateField):
            box.ahead = ahead

    def keyPressEvent(self, event) -> None:
        """Enter moves on to the next field; on a button it presses the button; Ctrl+Enter saves (a shortcut).
        On a list of kinds with nothing chosen yet, Enter opens the list instead of leaving it empty behind."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            focus = self.focusWidget()
            if isinstance(focus, QComboBox) and focus.currentIndex() < 0 and focus.count():
                focus.showPopup()
                return
            if focus is not None and not isinstance(focus, QAbstractButton):
                self.focusNextChild()
                return
        super().keyPressEvent(event)
