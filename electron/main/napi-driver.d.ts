// The npm alias for better-sqlite3-multiple-ciphers 13 (Node-API build, loaded by the app
// inside Electron) has the same API and typings as the 12.x package the tests load.
declare module 'better-sqlite3-multiple-ciphers-napi' {
  import Database from 'better-sqlite3-multiple-ciphers';
  export default Database;
}
