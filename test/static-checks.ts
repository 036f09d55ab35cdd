import { spawn } from 'node:child_process';

/**
 * `npm test`'s first step: the lint rules and the type check, side by side. Each is one thread, and
 * together they took about a minute one after the other on 2 cores; side by side, the time of the
 * longer (the type check). Each one's output is printed whole when it ends, so the two never mix,
 * and the step fails if either does.
 */
const checks = [
  { name: 'lint', script: 'lint' },
  { name: 'typecheck', script: 'typecheck' },
] as const;

const results = await Promise.all(
  checks.map(
    (check) =>
      new Promise<{ name: string; code: number; output: string }>((resolve) => {
        const child = spawn('npm', ['run', '--silent', check.script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.on('close', (code) => resolve({ name: check.name, code: code ?? 1, output }));
      }),
  ),
);

for (const result of results) {
  process.stdout.write(`${result.code === 0 ? '✓' : '✗'} ${result.name}\n${result.output}`);
}
process.exitCode = results.every((result) => result.code === 0) ? 0 : 1;
