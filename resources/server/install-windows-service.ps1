<#
.SYNOPSIS
  Installs Visitdesk's branch server (issue 20) as a Windows service, through WinSW.

.DESCRIPTION
  Windows' New-Service can register only a program that answers the Service Control Manager,
  which node.exe does not. WinSW (https://github.com/winsw/winsw) is the wrapper: it starts
  node.exe as `npm run server` would, stops it with Ctrl+C (the SIGINT on which `serve` closes
  the data cleanly) and restarts it after a failure. Its definition is visitdesk-server.xml,
  beside this script; this script fills it in and installs it:

   1. checks Node.js (22.12 or newer), the Visitdesk checkout (`npm ci` done in it) and the
      branch's data (a database made by `init`, or a desk key file for PostgreSQL);
   2. asks for the manager's passphrase (not echoed) and writes the service definition with it
      into a folder that only SYSTEM and Administrators can read;
   3. installs the service, which then runs as its own virtual account
      (NT SERVICE\VisitdeskServer: no password, no rights beyond the folders granted here);
   4. lets that account read the checkout and the definition and change the data folder and
      the logs, and nobody else but SYSTEM and Administrators into the data folder;
   5. opens TCP 8443 in Windows Firewall for the domain and private networks;
   6. starts the service and shows its log, with the certificate's fingerprint to pin.

  Run it in an elevated PowerShell (5.1 or 7). Written for Windows 10/11 and Server 2016 or
  later; it has not been run by this project's tests, which run on Linux (read it first).

  To remove the service: & "$ServiceDir\VisitdeskServer.exe" stop, then uninstall; the data
  folder is left as it is.

.EXAMPLE
  .\install-windows-service.ps1 -WinSWExe "$HOME\Downloads\WinSW-x64.exe" -Manager admin
#>
#Requires -RunAsAdministrator
[CmdletBinding()]
param(
  # WinSW's x64 executable (v2.12 or later), downloaded from its GitHub releases page.
  [Parameter(Mandatory = $true)] [string] $WinSWExe,
  # The manager's account that opens the branch's data when the server starts.
  [Parameter(Mandatory = $true)] [string] $Manager,
  # The Visitdesk checkout, with `npm ci` run in it.
  [string] $AppDir = 'C:\Visitdesk\app',
  # The branch's data: visitdesk.db (or, on PostgreSQL, visitdesk.keys.json) and what the
  # server adds beside it (server-tls, backups).
  [string] $DataDir = 'C:\ProgramData\Visitdesk\server',
  # Where the renamed WinSW, its definition and its logs live.
  [string] $ServiceDir = 'C:\Visitdesk\service',
  [string] $NodeExe = '',
  # Only when the data is on PostgreSQL (README, "PostgreSQL"): the app's own login, TLS
  # verified. The login's password is kept in the key file once a desk has used it.
  [string] $DatabaseUrl = ''
)
$ErrorActionPreference = 'Stop'
$Service = 'VisitdeskServer'
$Account = "NT SERVICE\$Service"
# Well-known SIDs, so the grants also work on a Chinese Windows, where group names differ.
$System = '*S-1-5-18'
$Admins = '*S-1-5-32-544'

# 1. What the service needs must be there before anything is changed.
if ($NodeExe -eq '') { $NodeExe = (Get-Command node.exe).Source }
$version = (& $NodeExe --version).TrimStart('v').Split('.')
if ([int]$version[0] -lt 22 -or ([int]$version[0] -eq 22 -and [int]$version[1] -lt 12)) {
  throw "Node.js 22.12 or newer is needed; $NodeExe is $($version -join '.')."
}
if (-not (Test-Path (Join-Path $AppDir 'node_modules\tsx'))) {
  throw "$AppDir is not a Visitdesk checkout with its packages: run npm ci in it first."
}
$dataFile = if ($DatabaseUrl -eq '') { 'visitdesk.db' } else { 'visitdesk.keys.json' }
if (-not (Test-Path (Join-Path $DataDir $dataFile))) {
  throw "No $dataFile in $DataDir. Make the branch first (README: npm run cli -- init --db `"$DataDir\visitdesk.db`" ...)."
}
if (Get-Service -Name $Service -ErrorAction SilentlyContinue) {
  throw "The service $Service is installed already; uninstall it first to install it again."
}

# 2. The passphrase, asked without echo. WinSW expands %NAME% inside values, so a % would not
# reach the server as typed.
$secure = Read-Host -AsSecureString "Passphrase of the manager account '$Manager'"
$bstr = [Runtime.InteropServices.Marshal]::SecureStringToBSTR($secure)
try { $passphrase = [Runtime.InteropServices.Marshal]::PtrToStringBSTR($bstr) }
finally { [Runtime.InteropServices.Marshal]::ZeroFreeBSTR($bstr) }
if ($passphrase -eq '') { throw 'No passphrase given.' }
if ($passphrase.Contains('%')) {
  throw 'The passphrase contains %, which WinSW would expand; change it in Visitdesk first.'
}

# The service's folder is locked down before the definition (with the passphrase) is written.
New-Item -ItemType Directory -Force -Path $ServiceDir, (Join-Path $ServiceDir 'logs') | Out-Null
icacls $ServiceDir /inheritance:r /grant:r "${System}:(OI)(CI)F" "${Admins}:(OI)(CI)F" | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls could not restrict $ServiceDir." }

$x = { param($text) [Security.SecurityElement]::Escape($text) }
$extraEnv = ''
if ($DatabaseUrl -ne '') {
  $extraEnv = "<env name=`"VISITDESK_DATABASE_URL`" value=`"$(& $x $DatabaseUrl)`"/>"
}
$values = [ordered]@{
  '@@NODE_EXE@@'   = & $x $NodeExe
  '@@APP_DIR@@'    = & $x $AppDir
  '@@DATA_DIR@@'   = & $x $DataDir
  '@@MANAGER@@'    = & $x $Manager
  '@@LOG_DIR@@'    = & $x (Join-Path $ServiceDir 'logs')
  '@@EXTRA_ENV@@'  = $extraEnv
  '@@PASSPHRASE@@' = & $x $passphrase
}
$xml = Get-Content -Raw -Encoding UTF8 (Join-Path $PSScriptRoot 'visitdesk-server.xml')
# String.Replace replaces text as it is (no regular expressions).
foreach ($name in $values.Keys) { $xml = $xml.Replace($name, $values[$name]) }
$values = $null
$passphrase = $null
# WinSW finds its definition by its own name: VisitdeskServer.exe reads VisitdeskServer.xml.
$exe = Join-Path $ServiceDir "$Service.exe"
Copy-Item -Path $WinSWExe -Destination $exe
[IO.File]::WriteAllText((Join-Path $ServiceDir "$Service.xml"), $xml, (New-Object Text.UTF8Encoding $false))
$xml = $null

# 3. The service, then its own virtual account instead of WinSW's default LocalSystem.
& $exe install
if ($LASTEXITCODE -ne 0) { throw 'WinSW could not install the service.' }
sc.exe config $Service obj= $Account | Out-Null
if ($LASTEXITCODE -ne 0) { throw "Could not make $Account the service's account." }

# 4. What that account may touch. The data folder: this account, SYSTEM and Administrators
# only (files inside inherit it); the checkout and the definition: read; the logs: write.
icacls $DataDir /inheritance:r /grant:r "${System}:(OI)(CI)F" "${Admins}:(OI)(CI)F" "${Account}:(OI)(CI)M" | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls could not set the data folder's access." }
icacls $ServiceDir /grant "${Account}:(OI)(CI)RX" | Out-Null
icacls (Join-Path $ServiceDir 'logs') /grant "${Account}:(OI)(CI)M" | Out-Null
icacls $AppDir /grant "${Account}:(OI)(CI)RX" | Out-Null

# 5. Desks reach the server on 8443 from the branch's network, not from public networks.
New-NetFirewallRule -DisplayName 'Visitdesk branch server (TCP 8443)' -Direction Inbound `
  -Protocol TCP -LocalPort 8443 -Profile Domain, Private -Action Allow | Out-Null

# 6. Start, and show what it said: the address and the fingerprint desks pin at enrolment.
& $exe start
Start-Sleep -Seconds 20
$log = Join-Path $ServiceDir "logs\$Service.out.log"
if (Test-Path $log) { Get-Content -Tail 5 $log }
Get-Content -Tail 5 (Join-Path $ServiceDir "logs\$Service.err.log") -ErrorAction SilentlyContinue
& $exe status
