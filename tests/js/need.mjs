// Imports an npm package of this folder, or stops with what is missing and the command that
// installs it, instead of Node's stack trace.
export async function need(name) {
  try {
    return await import(name);
  } catch (e) {
    if (e && (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND')) {
      console.error(`missing npm package '${name.split('/')[0]}': run 'npm ci --prefix tests/js' ` +
                    '(the README\'s test command does)');
      process.exit(77);
    }
    throw e;
  }
}
