"""Words of Qt's own dialogs that Qt's Chinese translation leaves in English (the file dialog's "Look in:" and
"Files of type:"), marked here so the app's own translation file carries them: a volunteer reads no English."""

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_OWN = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Computer"),
)
