import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultRubricDocument, defaultRubricFile, projectRoot } from './helpers.js';

function runCheck(file: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npx', ['tsx', 'rubric/check-cli.ts', file], { cwd: projectRoot, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run rubric:check', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rubric-check-'));

  it('exits 0 and names the rubric for the default file', () => {
    const { status, stdout } = runCheck(defaultRubricFile);
    expect(status).to.equal(0);
    expect(stdout).to.match(/valid rubric palermo-tip@1\.0\.0 \(\d+ indicators\)/);
  });

  it('exits 1 and prints each problem as POINTER  message, then a count', () => {
    const doc = defaultRubricDocument();
    doc.properties.answers.properties['CRIM-ACTS']!.weight = 0;
    doc.properties.answers.properties['CRIM-MEANS']!.provisions = ['TIP.99'];
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(doc));
    const { status, stdout } = runCheck(file);
    expect(status).to.equal(1);
    expect(stdout).to.include('/properties/answers/properties/CRIM-ACTS/weight  weight must be greater than 0');
    expect(stdout).to.include(`${file}: 1 problem`);
  });

  it('exits 1 with one line for a file that is not JSON', () => {
    const file = path.join(dir, 'not-json.json');
    writeFileSync(file, '{ nope');
    const { status, stderr } = runCheck(file);
    expect(status).to.equal(1);
    expect(stderr).to.include('not valid JSON');
  });

  it('exits 1 with one line for a missing file', () => {
    const { status, stderr } = runCheck(path.join(dir, 'missing.json'));
    expect(status).to.equal(1);
    expect(stderr).to.include('cannot read the rubric file (no such file)');
  });
});
