import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'burden-rules-'));
const THREE = 'ags,name,eu2,insured\n05111,A,1000,0\n05112,B,1000,0\n05113,C,1000,0\n';

describe('burden calc --rules', () => {
  it('shares the 5.5 Mio pot over all of NRW in csv: three equal input rows get equal shares of 23,419.70', async () => {
    const { stdout, code } = await runCli(['calc', '-', '--rules', 'nrw-2024', '--year', '2024', '--price-year', '2019', '--format', 'csv'], { stdin: THREE });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('ags,name,year,population,eu2,eu2_status,insured,insured_status,insured_estimated,net,net_status,rate_eur,rate_status,cost_eur,cost_status,cost_per_inhabitant_eur,eu2_share_pct,' +
      'claim_suedosteuropa_eur,claim_suedosteuropa_status,claims_total_eur,claims_total_status,uncovered_eur,uncovered_status,coverage_pct,coverage_status');
    // The pot is shared over the programme's whole area: the other 50 NRW Kreise come from the shipped data and are not shown.
    expect(lines.slice(1).map((l) => l.split(',').at(-8))).toEqual(['23419.70', '23419.70', '23419.70']);
    expect(stdout).not.toContain('1833333');
    // The pot is official, but its allocation key and eligibility are assumptions of the rule.
    expect(lines.slice(1).map((l) => l.split(',').at(-7))).toEqual(['assumption', 'assumption', 'assumption']);
  });

  it('the pot sums to its amount in json and table totals', async () => {
    const doc = JSON.parse((await runCli(['calc', '--rules', 'nrw-2024', '--year', '2024', '--format', 'json'])).stdout);
    expect(doc.totals.claim_suedosteuropa_eur).toBe(5500000);
    const sumOfRows = doc.rows.reduce((s: number, r: { claim_suedosteuropa_eur: number }) => s + Math.round(r.claim_suedosteuropa_eur * 100), 0);
    expect(sumOfRows).toBe(550_000_000);
    expect(doc.meta.scenarios[0].programmes[0]).toMatchObject({ id: 'suedosteuropa', in_force: true, status: 'official' });
    expect(doc.meta.scenarios[0].programmes[0].assumptions.map((a: { field: string }) => a.field)).toEqual(['key', 'eligibility']);
    const table = (await runCli(['calc', '--rules', 'nrw-2024', '--year', '2024', '--land', 'NW'])).stdout;
    // The pot and the claims total are exactly the pot, as sure as its amount (derived); the shares rest on the rule's assumptions.
    expect(table).toMatch(/Summe \(53 Zeilen\).*│ +5\.500\.000,00 d │ +5\.500\.000,00 d │/);
  });

  it('without a year on stdin input, --rules is a usage error', async () => {
    const { code, stderr } = await runCli(['calc', '-', '--rules', 'nrw-2024'], { stdin: THREE });
    expect(code).toBe(64);
    expect(stderr).toBe('error: --rules needs a budget year, and the input has none (give --year YYYY, or a year column in the input)\n');
  });

  it('compares two scenarios side by side with the difference', async () => {
    const { stdout, code } = await runCli(['calc', '-', '--rules', 'nrw-2024', '--rules', 'bund-pauschale', '--set', 'bund_pauschale=500', '--year', '2025', '--format', 'csv'], { stdin: THREE });
    expect(code).toBe(0);
    const [header, first] = stdout.trim().split('\n');
    expect(header).toContain('nrw_2024_claims_total_eur');
    expect(header).toContain('bund_pauschale_claims_total_eur');
    // Every claim figure is followed by its status on the one scale; the difference comes last.
    expect(header?.endsWith(',claims_difference_eur,claims_difference_status')).toBe(true);
    // 2025: the Land programme has ended (0), the federal flat rate pays 1,000 × 500 EUR, resting on a --set value.
    expect(first?.endsWith(',500000.00,assumption')).toBe(true);
  });

  it('records --set overrides in the metadata', async () => {
    const doc = JSON.parse((await runCli(['calc', '-', '--rules', 'bund-pauschale', '--set', 'bund_pauschale=500', '--year', '2025', '--format', 'json'], { stdin: THREE })).stdout);
    expect(doc.meta.overrides).toEqual(['bund_pauschale=500 (--set)']);
    expect(doc.rows[0].claim_bund_pauschale_eur).toBe(500000);
    expect(doc.rows[0].claim_bund_pauschale_status).toBe('assumption');
    expect(doc.rows[0].claims_total_status).toBe('assumption');
  });

  it('says in the notes which claims rest on proposed programmes, assumptions and --set overrides', async () => {
    const { stdout } = await runCli(['calc', '-', '--rules', 'nrw-2024', '--rules', 'bund-pauschale', '--set', 'bund_pauschale=500', '--year', '2025', '--format', 'md', '--locale', 'en', '--lang', 'en'], { stdin: THREE });
    expect(stdout).toContain('Rules nrw-2024: NRW as enacted: Förderprogramm „Zuwanderung aus Südosteuropa“ (2017–2024). In force: none.  \n');
    expect(stdout).toContain(
      'Claims of bund-pauschale/bund_pauschale: claim status assumption, resting on: the programme is proposed; ' +
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

  it('writes the same notes in German by default, and in English in json whatever the language', async () => {
    const args = ['calc', '-', '--rules', 'nrw-2024', '--rules', 'bund-pauschale', '--set', 'bund_pauschale=500', '--year', '2025'];
    const { stdout } = await runCli([...args, '--format', 'md'], { stdin: THREE });
    expect(stdout).toContain('Regeln nrw-2024: NRW as enacted: Förderprogramm „Zuwanderung aus Südosteuropa“ (2017–2024). In Kraft: keines.  \n');
    expect(stdout).toContain(
      'Ansprüche aus bund-pauschale/bund_pauschale: Status Annahme, gestützt auf: das Programm ist vorgeschlagen; ' +
        'amount_eur ist der Parameter bund_pauschale = 500 EUR/person/year [Annahme, --set bund_pauschale=500 on the command line]; ' +
        'die Annahmen der Regel zu amount_eur, from, cap_share.  \n',
    );
    expect(stdout).toContain('Ein Anspruch ist so unsicher wie die Zahlen, auf denen er beruht');
    expect(stdout).not.toMatch(/^(Rules|Claims of|A claim is|Fixed pots|The counts are)/m);
    const json = JSON.parse((await runCli([...args, '--format', 'json', '--lang', 'de'], { stdin: THREE })).stdout) as { meta: { notes: string[] } };
    expect(json.meta.notes).toContain('Rules nrw-2024: NRW as enacted: Förderprogramm „Zuwanderung aus Südosteuropa“ (2017–2024). In force: none.');
  });

  it('gives json rows the rate_status of the csv when the rate is uprated, and official when it is not', async () => {
    const uprated = JSON.parse((await runCli(['calc', '-', '--year', '2024', '--format', 'json'], { stdin: THREE })).stdout);
    expect(uprated.rows[0]).toMatchObject({ rate_eur: 2569.45, rate_status: 'secondary' });
    const csv = (await runCli(['calc', '-', '--year', '2024', '--format', 'csv'], { stdin: THREE })).stdout.split('\n');
    expect(csv[0]).toContain(',rate_eur,rate_status,');
    expect(csv[1]).toContain(',2569.45,secondary,');
    const plain = JSON.parse((await runCli(['calc', '-', '--format', 'json'], { stdin: THREE })).stdout);
    expect(plain.rows[0]).toMatchObject({ rate_eur: 2143, rate_status: 'official' });
  });

  it('--explain shows every input, parameter and source of one municipality, as sentences and as a json trace', async () => {
    /** The chain of sentences before the table, without the lines that quote the rule file's own (English) texts. */
    const chain = (output: string): string => output.slice(0, output.indexOf('┌')).split('\n').filter((line) => !/ist eine Annahme: /.test(line)).join('\n');
    const text = (await runCli(['calc', '--rules', 'nrw-2024', '--year', '2024', '--explain', '05913'])).stdout;
    // The chain comes first, in German by default; the table's default locale is de: thousands with a dot, decimals with a comma.
    expect(text.startsWith('So entstehen die Zahlen für Dortmund, kreisfreie Stadt (05913), 2024:\n')).toBe(true);
    expect(text.indexOf('So entstehen')).toBeLessThan(text.indexOf('┌'));
    expect(text).toContain('  Dortmund, kreisfreie Stadt hat 13.495 EU2-Einwohner (Eingabe data/datasets/eu2-de-kreise-2025.csv:107).\n');
    expect(text).toMatch(/ 6\.971 von ihnen sind schätzungsweise sozialversicherungspflichtig beschäftigt \(bundesweites Verhältnis vom 31\.12\.2019: 572\.574 SV-Beschäftigte zu 1\.108\.393 EU2-Einwohnern \[1\] \[2\]\)\./);
    expect(text).toContain('Es bleiben 6.524 Personen ohne versicherte Beschäftigung (geschätzt).');
    expect(text).toMatch(/In Preisen von 2024 sind das 2\.569,45 EUR \(Verbraucherpreisindex 2019: 99,5 \[\d\], 2024: 119,3, Sekundärquelle \[\d\]\)\./);
    expect(text).toContain('Kosten: 6.524 Personen × 2.569,45 EUR = 16.763.091,80 EUR im Jahr (geschätzt).');
    // A parameter by its label, not its name; the claim with its own rule.
    expect(text).toMatch(/Jährliches Budget des NRW-Förderprogramms „Zuwanderung aus Südosteuropa“: 5\.500\.000,00 EUR\/year ab 2017-01-01 \[\d\]/);
    expect(text).not.toContain('suedosteuropa_pot');
    // The programme's own words in the report's language too; the rule's texts stay as its file gives them.
    expect(text).toContain('Anspruch suedosteuropa = 271.157,18 EUR (Topf 5.500.000,00 EUR × EU2-Einwohner 13.495 / 273.725 (alle Berechtigten im Gebiet des Programms), Cent nach größtem Rest verteilt) (Annahme)');
    expect(text).toContain('Programm nrw-2024/suedosteuropa (fester Topf, 2017-01-01 – 2024-12-31) im Jahr 2024: Land 05: Schlüssel 05913 — ja');
    expect(chain(text)).not.toMatch(/\b(claim|pot|yes|no|not in force|not eligible|largest-remainder)\b/);
    expect(text).toContain('nrw-2024: Förderansprüche zusammen 271.157,18 EUR (Annahme).');
    expect(text).toContain('nrw-2024: ungedeckt bleiben 16.491.934,62 EUR (Kosten abzüglich Ansprüche, mindestens 0) (Annahme).');
    expect(text).toContain('nrw-2024: Die Ansprüche decken 1,62 % der Kosten (Annahme).');
    expect(chain(text)).not.toMatch(/max\(|round\(/);
    // The paper's title only in the numbered sources, never on a line of the chain.
    expect(chain(text)).not.toContain('Arbeitspapier');
    // Each source once, numbered, under the notes.
    expect(text).toMatch(/\nQuellen:\n\[1\] Städtetag NRW, .*572\.574 sozialversicherungspflichtig/);
    expect(text).not.toContain('So entstehen die Zahlen für Düsseldorf');
    const en = (await runCli(['calc', '--rules', 'nrw-2024', '--year', '2024', '--explain', '05913', '--locale', 'en', '--lang', 'en'])).stdout;
    expect(en).toContain('Dortmund, kreisfreie Stadt has 13,495 EU2 residents (input data/datasets/eu2-de-kreise-2025.csv:107).');
    expect(en).toMatch(/6,971 of them are estimated to be in insured employment \(national ratio of 31\.12\.2019: 572,574 insured employees to 1,108,393 EU2 residents/);
    expect(en).toContain('claim suedosteuropa = 271,157.18 EUR');
    expect(en).toContain('nrw-2024: the claims cover 1.62 % of the cost (assumption).');
    const doc = JSON.parse((await runCli(['calc', '--rules', 'nrw-2024', '--year', '2024', '--explain', '05913', '--format', 'json'])).stdout);
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
  it('lists the shipped rule sets', async () => {
    const { stdout, code } = await runCli(['rules', 'list', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(1, -1).map((l) => l.split(',')[0])).toEqual(['bund-kdu-analog', 'bund-pauschale', 'nrw-2024', 'nrw-2025-kim']);
  });

  it('check rejects a rule file with an unknown key, naming the key', async () => {
    const file = join(dir, 'bad-rule.json');
    writeFileSync(file, JSON.stringify({ id: 'x', title: 't', description: 'd', programmes: [{ id: 'p', label: 'l', kind: 'per_person', from: '2025-01-01', to: null, status: 'assumption', source: 's', amount_eur: 1, basis: 'eu2', amout: 2 }] }));
    const { code, stderr, stdout } = await runCli(['rules', 'check', file]);
    expect(code).toBe(65);
    expect(stdout).toBe('');
    expect(stderr).toBe(`error: ${file}: key "programmes.0": unknown key "amout" (remove it or check its spelling; unknown keys are never ignored)\n`);
  });

  it('check rejects a parameter whose dates are out of order', async () => {
    const file = join(dir, 'bad-param.json');
    writeFileSync(file, JSON.stringify({ name: 'x', description: 'd', unit: 'EUR', values: [
      { from: '2020-01-01', value: 1, source: 's', status: 'official' },
      { from: '2019-01-01', value: 2, source: 's', status: 'official' },
    ] }));
    const { code, stderr } = await runCli(['rules', 'check', file]);
    expect(code).toBe(65);
    expect(stderr).toContain('key "values.1.from": dates must be in ascending order without duplicates: 2019-01-01 follows 2020-01-01');
  });

  it('params --at shows the value in force at a date with status and source', async () => {
    const doc = JSON.parse((await runCli(['params', '--at', '2023-06-30', '--format', 'json'])).stdout);
    const vpi = doc.rows.find((r: { name: string }) => r.name === 'vpi');
    expect(vpi).toMatchObject({ value: 116.7, from: '2023-01-01', status: 'official' });
    const pauschale = doc.rows.find((r: { name: string }) => r.name === 'bund_pauschale');
    expect(pauschale.value).toBeNull();
  });
});

describe('burden calibrate', () => {
  it('Dortmund: 15,639,763 EUR / 7,298 net persons = 2,143.02 EUR to the cent, 2,143 rounded', async () => {
    const { stdout, code } = await runCli(['calibrate', '--total-cost', '15639763', '--eu2', '7298', '--insured', '0', '--locale', 'en']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/│ rate_eur +│ 2,143\.02 +│ total \/ net = 2143\.020417/);
    expect(stdout).toMatch(/│ rate_rounded_eur +│ 2,143 +│/);
  });

  it.each([7297, 7298, 7299])('any net of 7,297–7,299 rounds to 2,143 (net %i)', async (net) => {
    const doc = JSON.parse((await runCli(['calibrate', '--total-cost', '15639763', '--eu2', String(net), '--insured', '0', '--format', 'json'])).stdout);
    expect(doc.rate_rounded_eur).toBe(2143);
  });

  it('refuses --eu2 or --insured beside a FILE, and --ags without one (they were ignored)', async () => {
    const file = join(dir, 'persons.csv');
    writeFileSync(file, 'ags,name,eu2,insured\n05913000,Dortmund,7298,0\n');
    const withFile = await runCli(['calibrate', file, '--total-cost', '1000', '--eu2', '5']);
    expect(withFile.code).toBe(64);
    expect(withFile.stderr).toBe(`error: --eu2 with ${file}: the counts come from the file's row (give either ${file} (with --ags KEY) or --eu2 N and --insured N)\n`);
    const agsAlone = await runCli(['calibrate', '--total-cost', '1000', '--eu2', '5', '--insured', '0', '--ags', '05913000']);
    expect(agsAlone.code).toBe(64);
    expect(agsAlone.stderr).toBe('error: --ags 05913000 picks a row of a FILE, and none is given (give a CSV FILE, or leave out --ags)\n');
    // The file alone still works: 1,000 EUR / 7,298 net persons = 0.137… → 0.14 EUR.
    expect((await runCli(['calibrate', file, '--total-cost', '1000', '--format', 'json'])).stdout).toContain('"rate_eur": 0.14');
  });

  it('refuses a breakdown line with more fields than the header (a decimal comma read 1,000,000.50 as 1,000,000)', async () => {
    const file = join(dir, 'breakdown.csv');
    writeFileSync(file, 'department,cost_eur\nSoziales,5000000\nGesundheit,1000000,50\n');
    const { code, stdout, stderr } = await runCli(['calibrate', '--breakdown', file, '--eu2', '100', '--insured', '0']);
    expect(code).toBe(65);
    expect(stdout).toBe('');
    expect(stderr).toBe(`error: ${file}:3: the row has 3 fields, the header has 2 (every row needs one value per column; quote fields that contain the delimiter, such as a decimal comma in "1000000,50")\n`);
    // Quoted, the decimal comma is read as German money: 5,000,000 + 1,000,000.50 over 100 persons = 60,000.01 EUR (60,000.005 rounded away from zero).
    writeFileSync(file, 'department,cost_eur\nSoziales,5000000\nGesundheit,"1000000,50"\n');
    const quoted = JSON.parse((await runCli(['calibrate', '--breakdown', file, '--eu2', '100', '--insured', '0', '--format', 'json'])).stdout);
    expect(quoted.departments[1]).toMatchObject({ department: 'Gesundheit', cost_eur: 1000000.5 });
    expect(quoted.rate_eur).toBe(60000.01);
  });

  it('writes a parameter file that calc --rate-file uses', async () => {
    const file = join(dir, 'rate.json');
    const calibrated = await runCli(['calibrate', '--total-cost', '15639763', '--eu2', '7298', '--insured', '0', '--write-parameter', file, '--year', '2019']);
    expect(calibrated.code).toBe(0);
    const { stdout } = await runCli(['calc', '-', '--rate-file', file, '--format', 'csv'], { stdin: 'ags,eu2,insured\n05913,100,0\n' });
    // Population and name come from the register (Kreis 05913: 603,462 inhabitants, 31.12.2024).
    expect(stdout.trim().split('\n')[1]).toBe('05913,"Dortmund, Stadt",,603462,100,official,0,official,false,100,derived,2143.02,official,214302.00,derived,0.36,0.02');
  });
});

describe('rules check holds files to the bounds the engine relies on', () => {
  const programme = { id: 'p', label: 'l', kind: 'per_person', from: '2025-01-01', to: null, status: 'assumption', source: 's', basis: 'eu2' };
  it.each([
    [{ ...programme, amount_eur: 100.005 }, 'key "programmes.0.amount_eur": 100.005: an amount in euros has at most two decimals (cents)'],
    [{ ...programme, amount_eur: 1e20 }, 'key "programmes.0.amount_eur": 100000000000000000000: an amount above 1000000000000 EUR is not plausible'],
    [{ ...programme, amount_eur: 1, cap_share: 0.1234567 }, 'key "programmes.0.cap_share": 0.1234567: a ratio has at most six decimals'],
    [{ ...programme, amount_eur: 1, from: '2025-13-45' }, 'key "programmes.0.from": is not a calendar date'],
  ])('rejects %j', async (bad, message) => {
    const file = join(dir, 'bounds.json');
    writeFileSync(file, JSON.stringify({ id: 'x', title: 't', description: 'd', programmes: [bad] }));
    const { code, stderr } = await runCli(['rules', 'check', file]);
    expect(code).toBe(65);
    expect(stderr.startsWith(`error: ${file}: ${message}`)).toBe(true);
  });

  it.each([
    [{ kind: 'foo' }, 'key "programmes.0.kind": "foo" is not a programme kind (share_of_cost, per_person or fixed_pot)'],
    [{}, 'key "programmes.0.kind": a programme needs a kind (share_of_cost, per_person or fixed_pot)'],
  ])('names an unknown or missing kind (%j), not "Invalid input"', async (kind, message) => {
    const file = join(dir, 'kind.json');
    const { kind: _kind, ...rest } = programme;
    writeFileSync(file, JSON.stringify({ id: 'x', title: 't', description: 'd', programmes: [{ ...rest, ...kind, amount_eur: 1 }] }));
    const { code, stderr } = await runCli(['rules', 'check', file]);
    expect(code).toBe(65);
    expect(stderr.startsWith(`error: ${file}: ${message} (`)).toBe(true);
  });

  it.each([
    // inflation_assumed is a percentage that may be -100: as a share, --set could make claims negative.
    ['share', 'share_of_cost', 'key "programmes.0.share.parameter": parameter "inflation_assumed" may lie between -100 and 100 percent, share must lie between 0 and 100 percent'],
    ['cap_share', 'per_person', 'key "programmes.0.cap_share.parameter": parameter "inflation_assumed" may lie between -100 and 100 percent, cap_share must lie between 0 and 100 percent'],
  ])('refuses a %s pointing at a parameter that may be negative', async (field, kind, message) => {
    const file = join(dir, 'range.json');
    const amounts = kind === 'share_of_cost' ? { share: 0.5 } : { amount_eur: 1, basis: 'eu2' };
    const { basis: _basis, ...rest } = programme;
    writeFileSync(file, JSON.stringify({ id: 'x', title: 't', description: 'd', programmes: [{ ...rest, kind, ...amounts, [field]: { parameter: 'inflation_assumed' } }] }));
    const { code, stderr } = await runCli(['rules', 'check', file]);
    expect(code).toBe(65);
    expect(stderr).toBe(`error: ${file}: ${message} (write the ${field} in the rule, or point it at a parameter whose file declares "minimum": 0)\n`);
  });

  it('holds a parameter file to its own "minimum" and "maximum"', async () => {
    const file = join(dir, 'share.json');
    const share = { name: 'own_share', description: 'd', unit: 'percent', minimum: 0, maximum: 100, values: [{ from: '2025-01-01', value: -0.5, source: 's', status: 'official' }] };
    writeFileSync(file, JSON.stringify(share));
    expect((await runCli(['rules', 'check', file])).stderr).toContain('key "values.0.value": -0.5: own_share lies between 0 and 100 percent (the "minimum" and "maximum" of its file)');
    writeFileSync(file, JSON.stringify({ ...share, minimum: 50, maximum: 10, values: [{ ...share.values[0], value: 20 }] }));
    const { code, stderr } = await runCli(['rules', 'check', file]);
    expect(code).toBe(65);
    expect(stderr).toContain('key "maximum": 10 is below the minimum 50');
  });

  it('rejects a parameter value below 0 for an amount', async () => {
    const file = join(dir, 'negative.json');
    writeFileSync(file, JSON.stringify({ name: 'rate', description: 'd', unit: 'EUR/person/year', values: [{ from: '2019-01-01', value: -5, source: 's', status: 'official' }] }));
    const { code, stderr } = await runCli(['rules', 'check', file]);
    expect(code).toBe(65);
    expect(stderr).toContain('key "values.0.value": -5: an amount in euros cannot be below 0');
  });
});

describe('--rate-file takes a rate, and only a rate', () => {
  it('refuses another EUR/person/year parameter, which stood in for the rate (bund_pauschale gave a rate of 0.00)', async () => {
    const { code, stdout, stderr } = await runCli(['calc', '--rate-file', 'data/parameters/bund_pauschale.json', '--format', 'csv']);
    expect(code).toBe(65);
    expect(stdout).toBe('');
    expect(stderr).toBe('error: data/parameters/bund_pauschale.json: key "name": a rate file holds the parameter "rate", this one holds "bund_pauschale" '
      + '(write it with burden calibrate --write-parameter, or set "name" to "rate" if the file holds a rate)\n');
  });
});

describe('two rule sets with one id', () => {
  it('names both sources and asks for an own id (it said "--rules nrw-2024 is given twice")', async () => {
    const file = join(dir, 'mynrw.json');
    writeFileSync(file, readFileSync('data/rules/nrw-2024.json'));
    const { code, stderr } = await runCli(['calc', '-', '--rules', 'nrw-2024', '--rules', file, '--year', '2024'], { stdin: THREE });
    expect(code).toBe(64);
    expect(stderr).toBe(`error: two rule sets share the id "nrw-2024": the shipped rule set nrw-2024 (data/rules/nrw-2024.json) and ${file} `
      + `(give ${file} its own "id", e.g. "nrw-2024-own", so their columns can be told apart)\n`);
    // The same rule set twice is still said so.
    expect((await runCli(['calc', '-', '--rules', file, '--rules', file, '--year', '2024'], { stdin: THREE })).stderr).toBe(`error: --rules nrw-2024 is given twice (compare two different rule sets)\n`);
  });
});

describe('--explain in Markdown', () => {
  it('sets the chain in a code block, so its lines and indentation survive', async () => {
    const { stdout, code } = await runCli(['calc', '--rules', 'nrw-2024', '--year', '2024', '--explain', '05913', '--format', 'md']);
    expect(code).toBe(0);
    const block = /^```text\nSo entstehen die Zahlen für Dortmund[^\n]*\n([\s\S]*?)\n```/.exec(stdout);
    expect(block).not.toBeNull();
    // The chain comes before the table.
    expect(stdout.indexOf('| AGS |')).toBeGreaterThan(block?.[0].length ?? 0);
    expect(block?.[1]?.split('\n').every((line) => line.startsWith('  '))).toBe(true);
  });
});

describe('rules show', () => {
  it('shows the value behind a parameter reference, with its date and status', async () => {
    const { stdout, code } = await runCli(['rules', 'show', 'nrw-2025-kim', '--format', 'json']);
    expect(code).toBe(0);
    const amounts = JSON.parse(stdout).rows.map((r: { amount: string }) => r.amount);
    expect(amounts).toEqual([
      'pot by eu2: parameter suedosteuropa_pot = 5500000 EUR/year (from 2017-01-01, official)',
      'pot by eu2: parameter kim_flex_block = 5500000 EUR/year (from 2025-01-01, proposed)',
    ]);
  });
});

describe('a rule set with nothing in force', () => {
  it('warns that every claim is 0 (nrw-2024 on the shipped 2025 data)', async () => {
    const { code, stderr } = await runCli(['calc', '--rules', 'nrw-2024', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stderr).toBe('warning: no programme of rules nrw-2024 is in force in 2025 (suedosteuropa 2017-01-01 – 2024-12-31), so every claim is 0; give --year to choose the budget year\n');
  });
});
