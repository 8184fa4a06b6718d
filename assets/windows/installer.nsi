; The Windows installer of 绩效目标表 (NSIS 3, built by scripts/build-windows.sh with
; -DVERSION -DEXE -DROOT -DSAMPLE -DOUTFILE). Chinese pages; installs for the current
; user without administrator rights by default, or for all users; Start menu and
; desktop shortcuts; form files (.ron) open with the program; the uninstaller removes
; only what was installed: the clerk's forms and the settings in %APPDATA%\jixiao stay.
; Silent: setup.exe /S [/AllUsers]   uninstall.exe /S

; A 64-bit installer, as the program is: it runs on 64-bit Windows 7 to 11 only.
Target amd64-unicode
SetCompressor /SOLID lzma

!define APPNAME "绩效目标表"
!define PROGID "jixiao.form"
!define REGKEY "Software\jixiao"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\jixiao"

Name "${APPNAME}"
OutFile "${OUTFILE}"
BrandingText "${APPNAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT License"

!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_INSTALLMODE_INSTDIR "jixiao"
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${REGKEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${REGKEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
!include MultiUser.nsh
!include MUI2.nsh
!include LogicLib.nsh
!include x64.nsh

!define MUI_ICON "${ROOT}/assets/windows/jixiao.ico"
!define MUI_UNICON "${ROOT}/assets/windows/jixiao.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "将在这台电脑上安装 ${APPNAME} ${VERSION}：离线填写财政项目支出绩效目标表，保存为文件，从上年表单新建下一年度，并导出正式表样的 PDF。$\r$\n$\r$\n$_CLICK"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\jixiao.exe"
!define MUI_FINISHPAGE_RUN_TEXT "打开 ${APPNAME}"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  SetRegView 64
  !insertmacro MULTIUSER_INIT
FunctionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

Section "install"
  SetOutPath "$INSTDIR"
  File "/oname=jixiao.exe" "${EXE}"
  File "/oname=LICENSE.txt" "${ROOT}/LICENSE"
  File "/oname=OFL-字体许可.txt" "${ROOT}/fonts/OFL.txt"
  SetOutPath "$INSTDIR\示例"
  File "/oname=2020-上海市青少年服务和权益保护工作经费.ron" "${SAMPLE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Shortcuts start in the user's documents, where forms are usually kept.
  SetOutPath "$DOCUMENTS"
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\jixiao.exe" "" "$INSTDIR\jixiao.exe" 0
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\jixiao.exe" "" "$INSTDIR\jixiao.exe" 0

  ; Form files open with the program. .ron is a general text format, so the program
  ; becomes the default only where no other program has claimed .ron; otherwise it is
  ; offered under 打开方式.
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "" "${APPNAME}文件"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\jixiao.exe,0"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\jixiao.exe" "%1"'
  WriteRegStr SHCTX "Software\Classes\.ron\OpenWithProgids" "${PROGID}" ""
  WriteRegStr SHCTX "Software\Classes\Applications\jixiao.exe" "FriendlyAppName" "${APPNAME}"
  WriteRegStr SHCTX "Software\Classes\Applications\jixiao.exe\SupportedTypes" ".ron" ""
  WriteRegStr SHCTX "Software\Classes\Applications\jixiao.exe\shell\open\command" "" '"$INSTDIR\jixiao.exe" "%1"'
  ReadRegStr $0 HKCR ".ron" ""
  ${If} $0 == ""
    WriteRegStr SHCTX "Software\Classes\.ron" "" "${PROGID}"
  ${EndIf}

  WriteRegStr SHCTX "${REGKEY}" "InstallMode" "$MultiUser.InstallMode"
  WriteRegStr SHCTX "${REGKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\jixiao.exe,0"
  WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "jixiao"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "EstimatedSize" 20000
  ; SHCNE_ASSOCCHANGED: Explorer shows the new icon of form files at once.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  ; Only the files the installer put there: anything else in the folder (a form saved
  ; into the samples folder, say) stays, and so does the folder then.
  Delete "$INSTDIR\jixiao.exe"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\OFL-字体许可.txt"
  Delete "$INSTDIR\示例\2020-上海市青少年服务和权益保护工作经费.ron"
  RMDir "$INSTDIR\示例"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"

  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
  DeleteRegValue SHCTX "Software\Classes\.ron\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty SHCTX "Software\Classes\.ron\OpenWithProgids"
  ReadRegStr $0 SHCTX "Software\Classes\.ron" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue SHCTX "Software\Classes\.ron" ""
  ${EndIf}
  DeleteRegKey /ifempty SHCTX "Software\Classes\.ron"
  DeleteRegKey SHCTX "Software\Classes\Applications\jixiao.exe"
  DeleteRegKey SHCTX "${UNINSTKEY}"
  DeleteRegKey SHCTX "${REGKEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  ; %APPDATA%\jixiao (settings, recovery copies) and every form are the clerk's: kept.
SectionEnd
