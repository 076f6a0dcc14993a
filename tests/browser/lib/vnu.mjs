// Runs the Nu Html Checker (vnu-jar from npm) over a whole site folder at once.
//
//   java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --format json
//        --skip-non-html SITE_DIR
//
// One JVM for every file keeps it to seconds. Messages come back as JSON on stderr,
// each with a file: URL; they are grouped by file path relative to the site.

import { spawn } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const VNU_JAR = fileURLToPath(new URL('../../../node_modules/vnu-jar/build/dist/vnu.jar', import.meta.url));

/**
 * Returns { ok, error, byFile: Map(rel → [message]), general: [message], ms }.
 * `ok` is false only when vnu itself could not run or its output could not be read.
 */
export function runVnu(siteDir, { java = process.env.JAVA || 'java', javaOpts = (process.env.VNU_JAVA_OPTS || '-Xss4m').split(/\s+/).filter(Boolean) } = {}) {
  const started = Date.now();
  const root = fs.realpathSync(path.resolve(siteDir));
  return new Promise((resolve) => {
    if (!fs.existsSync(VNU_JAR)) {
      resolve({ ok: false, error: `vnu.jar not found at ${VNU_JAR} (run scripts/install-test-deps.sh)`, byFile: new Map(), general: [], ms: 0 });
      return;
    }
    const args = [...javaOpts, '-jar', VNU_JAR, '--errors-only', '--format', 'json', '--skip-non-html', root];
    let child;
    try {
      child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ ok: false, error: `cannot start java: ${e.message}`, byFile: new Map(), general: [], ms: 0 });
      return;
    }
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => resolve({ ok: false, error: `cannot start java: ${e.message}`, byFile: new Map(), general: [], ms: Date.now() - started }));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      const stdout = Buffer.concat(out).toString('utf8');
      const text = (stderr.trim() || stdout.trim());
      let parsed;
      try {
        parsed = JSON.parse(text.slice(text.indexOf('{')));
      } catch {
        resolve({ ok: false, error: `vnu exited ${code} without JSON output:\n${(stderr + stdout).slice(0, 2000)}`, byFile: new Map(), general: [], ms: Date.now() - started });
        return;
      }
      const byFile = new Map();
      const general = [];
      for (const m of parsed.messages ?? []) {
        if (m.type === 'info' && m.subType !== 'warning' && !/error/i.test(m.subType ?? '')) continue;
        let rel = null;
        if (m.url && m.url.startsWith('file:')) {
          try {
            rel = path.relative(root, fileURLToPath(m.url)).split(path.sep).join('/');
          } catch { rel = null; }
        }
        if (!rel) { general.push(m); continue; }
        if (!byFile.has(rel)) byFile.set(rel, []);
        byFile.get(rel).push(m);
      }
      resolve({ ok: true, error: null, byFile, general, ms: Date.now() - started, exitCode: code });
    });
  });
}

/** One line per message: file:line:col: message  [extract] */
export function formatVnuMessage(rel, m) {
  const line = m.lastLine ?? m.firstLine ?? '?';
  const col = m.firstColumn ?? m.lastColumn ?? '?';
  const kind = m.type === 'error' ? '' : `${m.type}${m.subType ? '/' + m.subType : ''}: `;
  let s = `${rel}:${line}:${col}: ${kind}${m.message}`;
  if (m.extract) s += `\n        ${JSON.stringify(m.extract.replace(/\s+/g, ' ').trim()).slice(0, 200)}`;
  return s;
}
