; 服务社工作台's Windows installer: one setup.exe in Chinese that puts the one-folder build in Program Files,
; makes the desktop and Start-menu shortcuts, and registers an uninstaller that leaves the club's data alone.
; Built by packaging/windows/build.sh with Debian's makensis:
;   makensis -DVERSION=0.1.0 -DSOURCE=dist/windows/fuwushe -DOUTFILE=dist/fuwushe-0.1.0-setup.exe
;            -DICON=resources/icons/app.ico packaging/windows/installer.nsi
; Silent use (a scheduled roll-out, or the check under Wine): setup.exe /S [/D=C:\path] and uninstall.exe /S.
; The data — %APPDATA%\fuwushe: club.sqlite, its backups, the practice club — is never written or removed here:
; the program makes it on its first start, upgrades it (after a backup) when a newer version first opens it,
; and it stays when the program is uninstalled.

Target amd64-unicode   ; a 64-bit installer: it runs under a 64-bit-only Wine, and the app is 64-bit anyway
ManifestDPIAware true
SetCompressor /SOLID lzma

!include MUI2.nsh
!include WinVer.nsh
!include LogicLib.nsh
!include FileFunc.nsh

!define APPNAME "服务社工作台"
!define KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\fuwushe"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APPNAME}"
InstallDirRegKey HKLM "${KEY}" "InstallLocation"
RequestExecutionLevel admin
BrandingText "${APPNAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "党员服务社"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "还没有装好。确定要退出安装吗？"
!define MUI_WELCOMEPAGE_TITLE "欢迎安装${APPNAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "服务社工作台是党员服务社的台账：花名册、走访、必报事项、互助组、值班表和时间银行，不用联网。$\r$\n$\r$\n服务社的数据保存在这台电脑的 %APPDATA%\fuwushe 文件夹里。安装新版本时数据原样保留，新版本第一次打开时先自动备份，再升级数据；卸载程序也不会删除数据。$\r$\n$\r$\n安装前请先关闭正在运行的服务社工作台。点“下一步”继续。"
!define MUI_DIRECTORYPAGE_TEXT_TOP "程序将安装到下面的文件夹（一般不用改）。服务社的数据不放在这里，而在 %APPDATA%\fuwushe。"
!define MUI_FINISHPAGE_TITLE "服务社工作台已经装好"
!define MUI_FINISHPAGE_TEXT "桌面上和“开始”菜单里都有“${APPNAME}”的图标，双击它就能打开。$\r$\n$\r$\n第一次打开时，会请您填写服务社的名称并设置主任的密码。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\fuwushe.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开服务社工作台"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从这台电脑上删除服务社工作台程序和它的图标。$\r$\n服务社的数据（%APPDATA%\fuwushe 里的数据库和备份）会保留，以后重新安装即可继续使用。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
    ; Qt 6 runs on Windows 10 from version 1809 (build 17763, LTSC 2019) and on Windows 11.
    ${IfNot} ${AtLeastWin10}
    ${OrIfNot} ${AtLeastBuild} 17763
        MessageBox MB_ICONSTOP "服务社工作台需要 Windows 10（1809 或更新的版本，包括 LTSC 2019 和 2021）或 Windows 11。"
        Abort
    ${EndIf}
    SetRegView 64
FunctionEnd

Function un.onInit
    SetRegView 64
FunctionEnd

Section "服务社工作台" Main
    SectionIn RO
    SetShellVarContext all
    ; A new version replaces the whole program folder: no file of the old one is left behind to be loaded.
    RMDir /r "$INSTDIR\_internal"
    SetOutPath "$INSTDIR"
    File /r "${SOURCE}\*.*"
    WriteUninstaller "$INSTDIR\uninstall.exe"

    CreateShortCut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\fuwushe.exe" "" "$INSTDIR\fuwushe.exe" 0
    CreateDirectory "$SMPROGRAMS\${APPNAME}"
    CreateShortCut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\fuwushe.exe" "" "$INSTDIR\fuwushe.exe" 0
    CreateShortCut "$SMPROGRAMS\${APPNAME}\${APPNAME}（练习用的演示服务社）.lnk" "$INSTDIR\fuwushe.exe" "--demo" \
        "$INSTDIR\fuwushe.exe" 0
    CreateShortCut "$SMPROGRAMS\${APPNAME}\卸载${APPNAME}.lnk" "$INSTDIR\uninstall.exe"

    WriteRegStr HKLM "${KEY}" "DisplayName" "${APPNAME}"
    WriteRegStr HKLM "${KEY}" "DisplayVersion" "${VERSION}"
    WriteRegStr HKLM "${KEY}" "Publisher" "党员服务社"
    WriteRegStr HKLM "${KEY}" "DisplayIcon" "$INSTDIR\fuwushe.exe"
    WriteRegStr HKLM "${KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKLM "${KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
    WriteRegStr HKLM "${KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
    WriteRegDWORD HKLM "${KEY}" "NoModify" 1
    WriteRegDWORD HKLM "${KEY}" "NoRepair" 1
    ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
    WriteRegDWORD HKLM "${KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
    SetShellVarContext all
    Delete "$DESKTOP\${APPNAME}.lnk"
    RMDir /r "$SMPROGRAMS\${APPNAME}"
    ; Only the program folder: the data in %APPDATA%\fuwushe stays where it is.
    RMDir /r "$INSTDIR\_internal"
    Delete "$INSTDIR\fuwushe.exe"
    Delete "$INSTDIR\fuwushe-cli.exe"
    Delete "$INSTDIR\uninstall.exe"
    RMDir "$INSTDIR"
    DeleteRegKey HKLM "${KEY}"
SectionEnd
