// Installs the named Debian packages when they are missing (used by .ci/run): `node scripts/lib/apt.mjs pkg…`.
import { ensureAptPackages } from './code-server.mjs';

try {
  const installed = ensureAptPackages(process.argv.slice(2));
  console.log(installed.length ? `apt: installed ${installed.join(' ')}` : 'apt: all packages present');
} catch (e) {
  console.error(String(e.message ?? e));
  process.exit(1);
}
