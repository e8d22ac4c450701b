/**
 * Fuzz: 20,000 random and hostile strings (seeded, reproducible). None throws, every result is
 * well-formed and round-trips, and parsing is fast. The FTS5 side (compiling these ASTs and
 * running them against SQLite) lives with the core and reuses hostileStrings().
 */
import { describe, expect, it } from 'vitest';
import { describeQuery, parseQuery, QUERY_LIMITS, type ParsedQuery } from '../../../shared/search/query';
import { hostileStrings, wellFormedProblems, withoutWarnings } from './helpers';

const COUNT = 20_000;

describe('fuzz', () => {
  const inputs = hostileStrings(COUNT);

  it(`parses ${COUNT.toLocaleString('en')} hostile strings without throwing, quickly`, () => {
    const results: ParsedQuery[] = [];
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (const input of inputs) results.push(parseQuery(input));
    const cpu = process.cpuUsage(cpuStarted);
    const elapsed = performance.now() - started;
    // CPU time, not wall time, for the limit: test files run in parallel on busy CI machines.
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const totalChars = inputs.reduce((sum, s) => sum + s.length, 0);
    const long = inputs.filter((s) => s.length > 10_000).length;
    console.log(
      `query fuzz: ${COUNT} strings (${long} over 10 KB, ${totalChars.toLocaleString('en')} chars) parsed in ${elapsed.toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU), cold`,
    );
    expect(results).toHaveLength(COUNT);
    expect(long).toBeGreaterThan(50);
    // Generous for slow CI machines; typically 300–800 ms including JIT warm-up.
    expect(cpuMs).toBeLessThan(3000);
  });

  it('every result is well-formed', () => {
    const failures: string[] = [];
    const seen = { clauses: 0, excluded: 0, phrases: 0, prefixes: 0, or: 0, filters: 0, warnings: new Set<string>() };
    for (const input of inputs) {
      const q = parseQuery(input);
      const problems = wellFormedProblems(q);
      if (problems.length > 0 && failures.length < 10) failures.push(`${JSON.stringify(input.slice(0, 200))}: ${problems.join('; ')}`);
      if (q.clauses.length > 0) seen.clauses++;
      if (q.excluded.length > 0) seen.excluded++;
      const atoms = [...q.clauses.flatMap((c) => c.alternatives), ...q.excluded];
      if (atoms.some((a) => a.type === 'phrase')) seen.phrases++;
      if (atoms.some((a) => a.type === 'word' && a.prefix)) seen.prefixes++;
      if (q.clauses.some((c) => c.alternatives.length > 1)) seen.or++;
      if (!q.isEmpty && q.clauses.length === 0) seen.filters++;
      for (const w of q.warnings) seen.warnings.add(w.code);
    }
    expect(failures).toEqual([]);
    // The corpus reaches every part of the language.
    expect(seen.clauses).toBeGreaterThan(COUNT / 2);
    expect(seen.excluded).toBeGreaterThan(100);
    expect(seen.phrases).toBeGreaterThan(100);
    expect(seen.prefixes).toBeGreaterThan(100);
    expect(seen.or).toBeGreaterThan(100);
    expect(seen.filters).toBeGreaterThan(10);
    expect([...seen.warnings].sort()).toEqual(['BAD_FILTER_VALUE', 'DATES_SWAPPED', 'ONLY_EXCLUSIONS', 'TOO_LONG', 'TOO_MANY_TERMS']);
  });

  it('every result round-trips through describeQuery', () => {
    const failures: string[] = [];
    for (const input of inputs) {
      const q = parseQuery(input);
      const text = describeQuery(q);
      const again = parseQuery(text);
      const same = JSON.stringify(withoutWarnings(again)) === JSON.stringify(withoutWarnings(q));
      const stable = describeQuery(again) === text;
      if ((!same || !stable) && failures.length < 10) failures.push(`${JSON.stringify(input.slice(0, 200))} → ${JSON.stringify(text)}`);
      expect(text.length).toBeLessThan(QUERY_LIMITS.maxInputLength);
    }
    expect(failures).toEqual([]);
  });
});
