@echo off
rem baocao: nhap dup tep nay de mo trang baocao trong trinh duyet.
chcp 65001 >nul
cd /d "%~dp0"
where node >nul 2>nul
if errorlevel 1 (
  echo Máy này chưa cài Node.js. Hãy tải bản LTS tại https://nodejs.org, cài đặt, rồi nhấp đúp lại tệp này.
  pause
  exit /b 1
)
if not exist node_modules (
  echo Lần đầu chạy: đang cài đặt baocao ^(cần Internet, mất vài phút^)...
  call npm install
  if errorlevel 1 (
    echo Cài đặt không thành công. Kiểm tra kết nối Internet rồi nhấp đúp lại tệp này.
    pause
    exit /b 1
  )
)
node bin\baocao.js serve
if errorlevel 1 pause
