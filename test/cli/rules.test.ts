import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { burden } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'burden-rules-'));
const THREE = 'ags,name,eu2,insured\n05111,A,1000,0\n05112,B,1000,0\n05113,C,1000,0\n';

describe('burden calc --rules', () => {
  it('splits the 5.5 Mio pot exactly in csv: 1,833,333.34 + 1,833,333.33 + 1,833,333.33', () => {
    const { stdout, code } = burden(['calc', '-', '--rules', 'nrw-2024', '--year', '2024', '--price-year', '2019', '--format', 'csv'], { input: THREE });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('ags,name,population,eu2,insured,insured_estimated,net,rate_eur,cost_eur,cost_per_inhabitant_eur,eu2_share_pct,claim_suedosteuropa_eur,claims_total_eur,claims_status,uncovered_eur,coverage_pct');
    expect(lines.slice(1).map((l) => l.split(',').at(-5))).toEqual(['1833333.34', '1833333.33', '1833333.33']);
    // The pot is official, but its allocation key and eligibility are assumptions of the rule.
    expect(lines.slice(1).map((l) => l.split(',').at(-3))).toEqual(['assumption', 'assumption', 'assumption']);
  });

  it('the pot sums to its amount in json and table totals', () => {
    const doc = JSON.parse(burden(['calc', '--rules', 'nrw-2024', '--year', '2024', '--format', 'json']).stdout);
    expect(doc.totals.claim_suedosteuropa_eur).toBe(5500000);
    const sumOfRows = doc.rows.reduce((s: number, r: { claim_suedosteuropa_eur: number }) => s + Math.round(r.claim_suedosteuropa_eur * 100), 0);
    expect(sumOfRows).toBe(550_000_000);
    expect(doc.meta.scenarios[0].programmes[0]).toMatchObject({ id: 'suedosteuropa', in_force: true, status: 'official' });
    expect(doc.meta.scenarios[0].programmes[0].assumptions.map((a: { field: string }) => a.field)).toEqual(['key', 'eligibility']);
    const table = burden(['calc', '--rules', 'nrw-2024', '--year', '2024']).stdout;
    expect(table).toMatch(/Total \(53 rows\).*│ +5\.500\.000,00 │ +5\.500\.000,00 │/);
  });

  it('without a year on stdin input, --rules is a usage error', () => {
    const { code, stderr } = burden(['calc', '-', '--rules', 'nrw-2024'], { input: THREE });
    expect(code).toBe(64);
    expect(stderr).toBe('error: --rules needs a budget year, and the input has none (give --year YYYY, or a year column in the input)\n');
  });

  it('compares two scenarios side by side with the difference', () => {
    const { stdout, code } = burden(['calc', '-', '--rules', 'nrw-2024', '--rules', 'bund-pauschale', '--set', 'bund_pauschale=500', '--year', '2025', '--format', 'csv'], { input: THREE });
    expect(code).toBe(0);
    const [header, first] = stdout.trim().split('\n');
    expect(header).toContain('nrw_2024_claims_total_eur');
    expect(header).toContain('bund_pauschale_claims_total_eur');
    expect(header?.endsWith(',claims_difference_eur')).toBe(true);
    // 2025: the Land programme has ended (0), the federal flat rate pays 1,000 × 500 EUR.
    expect(first?.endsWith(',500000.00')).toBe(true);
  });

  it('records --set overrides in the metadata', () => {
    const doc = JSON.parse(burden(['calc', '-', '--rules', 'bund-pauschale', '--set', 'bund_pauschale=500', '--year', '2025', '--format', 'json'], { input: THREE }).stdout);
    expect(doc.meta.overrides).toEqual(['bund_pauschale=500 (--set)']);
    expect(doc.rows[0].claim_bund_pauschale_eur).toBe(500000);
    expect(doc.rows[0].claims_status).toBe('assumption');
  });

  it('says in the notes which claims rest on proposed programmes, assumptions and --set overrides', () => {
    const { stdout } = burden(['calc', '-', '--rules', 'nrw-2024', '--rules', 'bund-pauschale', '--set', 'bund_pauschale=500', '--year', '2025', '--format', 'md', '--locale', 'en'], { input: THREE });
    expect(stdout).toContain('Rules nrw-2024: NRW as enacted: Förderprogramm „Zuwanderung aus Südosteuropa“ (2017–2024). In force: none.  \n');
    expect(stdout).toContain(
      'Claims of bund-pauschale/bund_pauschale: claims_status assumption, resting on: the programme is proposed; ' +
        'amount_eur is parameter bund_pauschale = 500 EUR/person/year [assumption, --set bund_pauschale=500 on the command line]; ' +
        "the rule's assumptions on amount_eur, from, cap_share.  \n",
    );
    // Nothing of nrw-2024 is in force in 2025: its zero claims are not in doubt.
    expect(stdout).not.toContain('Claims of nrw-2024');
    // The status columns are for csv and json; the table has the notes instead.
    expect(stdout.split('\n')[0]).toBe(
      '| AGS | Name | Population | EU2 | Insured | Net | Cost (EUR) | EUR/inh. | EU2 % | nrw-2024: suedosteuropa (EUR) | nrw-2024: Claims (EUR) | ' +
        'nrw-2024: Uncovered (EUR) | nrw-2024: Coverage % | bund-pauschale: bund_pauschale (EUR) | bund-pauschale: Claims (EUR) | ' +
        'bund-pauschale: Uncovered (EUR) | bund-pauschale: Coverage % | Δ claims bund-pauschale − nrw-2024 (EUR) |',
    );
  });

  it('gives json rows the rate_status of the csv when the rate is uprated, and none when it is not', () => {
    const uprated = JSON.parse(burden(['calc', '-', '--year', '2024', '--format', 'json'], { input: THREE }).stdout);
    expect(uprated.rows[0]).toMatchObject({ rate_eur: 2569.45, rate_status: 'secondary' });
    const csv = burden(['calc', '-', '--year', '2024', '--format', 'csv'], { input: THREE }).stdout.split('\n');
    expect(csv[0]).toContain(',rate_eur,rate_status,');
    expect(csv[1]).toContain(',2569.45,secondary,');
    const plain = JSON.parse(burden(['calc', '-', '--format', 'json'], { input: THREE }).stdout);
    expect(plain.rows[0]).not.toHaveProperty('rate_status');
  });

  it('--explain shows every input, parameter and source of one municipality, as text and as a json trace', () => {
    const text = burden(['calc', '--rules', 'nrw-2024', '--year', '2024', '--explain', '05913']).stdout;
    // The table's default locale is de: thousands with a dot, decimals with a comma.
    expect(text).toContain('Explain 05913 Dortmund');
    expect(text).toContain('eu2 = 13.495 (data/datasets/eu2-nrw-kreise-2025.csv:44)');
    expect(text).toContain('insured = round(13.495 × 572.574 / 1.108.393) = 6.971 (estimated)');
    expect(text).toContain('VPI 2024 = 119,3 [secondary]');
    expect(text).toContain('rate 2024 = round(2.143,00 EUR × 119,3 / 99,5) = 2.569,45 EUR');
    expect(text).toContain('parameter suedosteuropa_pot = 5.500.000,00 EUR/year from 2017-01-01 [official]');
    expect(text).toContain('claim suedosteuropa = 271.157,18 EUR (pot 5.500.000,00 EUR × eu2 13.495 / 273.725 (all eligible), largest-remainder cents) [assumption]');
    expect(text).not.toContain('Explain 05111');
    const en = burden(['calc', '--rules', 'nrw-2024', '--year', '2024', '--explain', '05913', '--locale', 'en']).stdout;
    expect(en).toContain('insured = round(13,495 × 572,574 / 1,108,393) = 6,971 (estimated)');
    expect(en).toContain('claim suedosteuropa = 271,157.18 EUR');
    expect(en).toContain('nrw-2024: coverage = claims / cost = 1.62 %');
    const doc = JSON.parse(burden(['calc', '--rules', 'nrw-2024', '--year', '2024', '--explain', '05913', '--format', 'json']).stdout);
    const dortmund = doc.rows.find((r: { ags: string }) => r.ags === '05913');
    expect(dortmund.trace.some((s: { step: string; source?: string }) => s.step === 'programme' && s.source?.includes('Stellungnahme'))).toBe(true);
    expect(doc.rows.find((r: { ags: string }) => r.ags === '05111').trace).toBeUndefined();
    // Each step names its figure with a number in the row's unit (euros, persons) and, for a parameter, its date.
    const step = (figure: string): Record<string, unknown> => dortmund.trace.find((s: { figure?: string }) => s.figure === figure);
    expect(step('insured')).toEqual({ step: 'estimate', figure: 'insured', value: 6971, unit: 'persons', text: 'insured = round(13.495 × 572.574 / 1.108.393) = 6.971 (estimated)' });
    expect(step('insured_bg_ro_de')).toMatchObject({ step: 'parameter', value: 572574, unit: 'persons', date: '2019-12-31', status: 'official' });
    expect(step('suedosteuropa_pot')).toMatchObject({ value: 5500000, unit: 'EUR/year', date: '2017-01-01', status: 'official', programme: 'nrw-2024/suedosteuropa' });
    expect(step('rate_eur')).toMatchObject({ step: 'method', value: 2569.45, unit: 'EUR/person/year', year: 2024 });
    expect(step('cost_eur')).toMatchObject({ value: 16763091.8, unit: 'EUR' });
    expect(step('claim_suedosteuropa_eur')).toMatchObject({ value: 271157.18, unit: 'EUR', status: 'assumption' });
    expect(step('claim_suedosteuropa_eur')?.value).toBe(dortmund.claim_suedosteuropa_eur);
  });
});

describe('burden rules and params', () => {
  it('lists the shipped rule sets', () => {
    const { stdout, code } = burden(['rules', 'list', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(1, -1).map((l) => l.split(',')[0])).toEqual(['bund-kdu-analog', 'bund-pauschale', 'nrw-2024', 'nrw-2025-kim']);
  });

  it('check rejects a rule file with an unknown key, naming the key', () => {
    const file = join(dir, 'bad-rule.json');
    writeFileSync(file, JSON.stringify({ id: 'x', title: 't', description: 'd', programmes: [{ id: 'p', label: 'l', kind: 'per_person', from: '2025-01-01', to: null, status: 'assumption', source: 's', amount_eur: 1, basis: 'eu2', amout: 2 }] }));
    const { code, stderr, stdout } = burden(['rules', 'check', file]);
    expect(code).toBe(65);
    expect(stdout).toBe('');
    expect(stderr).toBe(`error: ${file}: key "programmes.0": unknown key "amout" (remove it or check its spelling; unknown keys are never ignored)\n`);
  });

  it('check rejects a parameter whose dates are out of order', () => {
    const file = join(dir, 'bad-param.json');
    writeFileSync(file, JSON.stringify({ name: 'x', description: 'd', unit: 'EUR', values: [
      { from: '2020-01-01', value: 1, source: 's', status: 'official' },
      { from: '2019-01-01', value: 2, source: 's', status: 'official' },
    ] }));
    const { code, stderr } = burden(['rules', 'check', file]);
    expect(code).toBe(65);
    expect(stderr).toContain('key "values.1.from": dates must be in ascending order without duplicates: 2019-01-01 follows 2020-01-01');
  });

  it('params --at shows the value in force at a date with status and source', () => {
    const doc = JSON.parse(burden(['params', '--at', '2023-06-30', '--format', 'json']).stdout);
    const vpi = doc.rows.find((r: { name: string }) => r.name === 'vpi');
    expect(vpi).toMatchObject({ value: 116.7, from: '2023-01-01', status: 'official' });
    const pauschale = doc.rows.find((r: { name: string }) => r.name === 'bund_pauschale');
    expect(pauschale.value).toBeNull();
  });
});

describe('burden calibrate', () => {
  it('Dortmund: 15,639,763 EUR / 7,298 net persons = 2,143.02 EUR to the cent, 2,143 rounded', () => {
    const { stdout, code } = burden(['calibrate', '--total-cost', '15639763', '--eu2', '7298', '--insured', '0', '--locale', 'en']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/│ rate_eur +│ 2,143\.02 +│ total \/ net = 2143\.020417/);
    expect(stdout).toMatch(/│ rate_rounded_eur +│ 2,143 +│/);
  });

  it.each([7297, 7298, 7299])('any net of 7,297–7,299 rounds to 2,143 (net %i)', (net) => {
    const doc = JSON.parse(burden(['calibrate', '--total-cost', '15639763', '--eu2', String(net), '--insured', '0', '--format', 'json']).stdout);
    expect(doc.rate_rounded_eur).toBe(2143);
  });

  it('writes a parameter file that calc --rate-file uses', () => {
    const file = join(dir, 'rate.json');
    const calibrated = burden(['calibrate', '--total-cost', '15639763', '--eu2', '7298', '--insured', '0', '--write-parameter', file, '--year', '2019']);
    expect(calibrated.code).toBe(0);
    const { stdout } = burden(['calc', '-', '--rate-file', file, '--format', 'csv'], { input: 'ags,eu2,insured\n05913,100,0\n' });
    // Population and name come from the register (Kreis 05913: 603,462 inhabitants, 31.12.2024).
    expect(stdout.trim().split('\n')[1]).toBe('05913,"Dortmund, Stadt",603462,100,0,false,100,2143.02,214302.00,0.36,0.02');
  });
});

describe('rules check holds files to the bounds the engine relies on', () => {
  const programme = { id: 'p', label: 'l', kind: 'per_person', from: '2025-01-01', to: null, status: 'assumption', source: 's', basis: 'eu2' };
  it.each([
    [{ ...programme, amount_eur: 100.005 }, 'key "programmes.0.amount_eur": 100.005: an amount in euros has at most two decimals (cents)'],
    [{ ...programme, amount_eur: 1e20 }, 'key "programmes.0.amount_eur": 100000000000000000000: an amount above 1000000000000 EUR is not plausible'],
    [{ ...programme, amount_eur: 1, cap_share: 0.1234567 }, 'key "programmes.0.cap_share": 0.1234567: a ratio has at most six decimals'],
    [{ ...programme, amount_eur: 1, from: '2025-13-45' }, 'key "programmes.0.from": is not a calendar date'],
  ])('rejects %j', (bad, message) => {
    const file = join(dir, 'bounds.json');
    writeFileSync(file, JSON.stringify({ id: 'x', title: 't', description: 'd', programmes: [bad] }));
    const { code, stderr } = burden(['rules', 'check', file]);
    expect(code).toBe(65);
    expect(stderr.startsWith(`error: ${file}: ${message}`)).toBe(true);
  });

  it('rejects a parameter value below 0 for an amount', () => {
    const file = join(dir, 'negative.json');
    writeFileSync(file, JSON.stringify({ name: 'rate', description: 'd', unit: 'EUR/person/year', values: [{ from: '2019-01-01', value: -5, source: 's', status: 'official' }] }));
    const { code, stderr } = burden(['rules', 'check', file]);
    expect(code).toBe(65);
    expect(stderr).toContain('key "values.0.value": -5: an amount in euros cannot be below 0');
  });
});

describe('--explain in Markdown', () => {
  it('sets the chain in a code block, so its lines and indentation survive', () => {
    const { stdout, code } = burden(['calc', '--rules', 'nrw-2024', '--year', '2024', '--explain', '05913', '--format', 'md']);
    expect(code).toBe(0);
    const block = /```text\nExplain 05913 Dortmund[^\n]*\n([\s\S]*?)\n```/.exec(stdout);
    expect(block).not.toBeNull();
    expect(block?.[1]?.split('\n').every((line) => line.startsWith('  '))).toBe(true);
  });
});

describe('rules show', () => {
  it('shows the value behind a parameter reference, with its date and status', () => {
    const { stdout, code } = burden(['rules', 'show', 'nrw-2025-kim', '--format', 'json']);
    expect(code).toBe(0);
    const amounts = JSON.parse(stdout).rows.map((r: { amount: string }) => r.amount);
    expect(amounts).toEqual([
      'pot by eu2: parameter suedosteuropa_pot = 5500000 EUR/year (from 2017-01-01, official)',
      'pot by eu2: parameter kim_flex_block = 5500000 EUR/year (from 2025-01-01, proposed)',
    ]);
  });
});

describe('a rule set with nothing in force', () => {
  it('warns that every claim is 0 (nrw-2024 on the shipped 2025 data)', () => {
    const { code, stderr } = burden(['calc', '--rules', 'nrw-2024', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stderr).toBe('warning: no programme of rules nrw-2024 is in force in 2025 (suedosteuropa 2017-01-01 – 2024-12-31), so every claim is 0; give --year to choose the budget year\n');
  });
});
