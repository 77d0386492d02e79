import { loadKreisMap } from '../../src/report/geo.js';
import type { HtmlReportModel } from '../../src/report/html.js';
import type { Status } from '../../src/report/terms.js';

/**
 * A nationwide report model with made-up but plausible figures for every Kreis on the shipped
 * map (about 400 areas), for the browser test and the size/time benchmark. The figures follow
 * the method (net = max(eu2 − insured, 0), cost = net × 2,143 EUR) so the table is coherent;
 * they are not real data and say so in the title.
 */
export function sampleModel(lang: 'de' | 'en' = 'de'): HtmlReportModel {
  const map = loadKreisMap();
  const rate = 2143;
  // A small deterministic generator (so the report is the same on every run).
  let seed = 20251231;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  // Kreise counted in another area's figures (GENESIS 12521-0041, footnote): no value of their own.
  const groups = [
    { key: '06611', members: ['06611', '06633'], label: lang === 'de' ? 'Landkreis Kassel gezählt mit Kassel, Stadt' : 'Landkreis Kassel counted with Kassel, Stadt' },
    { key: '10044', members: ['10041', '10042', '10043', '10044', '10045', '10046'], label: lang === 'de' ? 'Saarland gezählt mit Saarlouis' : 'Saarland counted with Saarlouis' },
    { key: '12052', members: ['12052', '12071'], label: lang === 'de' ? 'Spree-Neiße gezählt mit Cottbus' : 'Spree-Neiße counted with Cottbus' },
  ];
  const countedElsewhere = new Set(groups.flatMap((g) => g.members.filter((m) => m !== g.key)));
  const rows: Record<string, string | number | null>[] = [];
  const statusMarks: (Record<string, Status> | undefined)[] = [];
  const values: Record<string, number | null> = {};
  let totalCost = 0;
  let totalEu2 = 0;
  let totalNet = 0;
  for (const [ags, shape] of map.kreise) {
    if (countedElsewhere.has(ags) || ags === '16056') {
      values[ags] = null;
      continue;
    }
    const population = Math.round(80000 + random() * 500000);
    const eu2 = Math.round((population * (0.002 + random() * 0.03)) / 5) * 5;
    const estimated = random() < 0.3;
    const insured = Math.round(eu2 * (0.35 + random() * 0.3));
    const net = Math.max(eu2 - insured, 0);
    const cost = net * rate;
    totalCost += cost;
    totalEu2 += eu2;
    totalNet += net;
    values[ags] = Math.round((cost / population) * 100) / 100;
    rows.push({
      ags,
      name: shape.name,
      population,
      eu2,
      insured,
      net,
      cost,
      cost_per_inhabitant: Math.round((cost / population) * 100) / 100,
      eu2_share: Math.round((eu2 / population) * 10000) / 100,
    });
    statusMarks.push(estimated ? { insured: 'estimated', net: 'estimated', cost: 'estimated', cost_per_inhabitant: 'estimated' } : undefined);
  }
  // Hanau has figures from 2026 on but no shape on the 2021 map: the report must say so.
  values['06415'] = 12.5;

  const de = lang === 'de';
  const euro = (n: number): string => new Intl.NumberFormat(de ? 'de-DE' : 'en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);
  const count = (n: number): string => new Intl.NumberFormat(de ? 'de-DE' : 'en-GB').format(n);
  const years = Array.from({ length: 11 }, (_, i) => 2025 + i);
  const byCost = [...rows].sort((a, b) => Number(b.cost) - Number(a.cost));
  return {
    lang,
    title: de ? 'Kosten der EU2-Zuwanderung je Kreis (Beispieldaten)' : 'Cost of EU2 immigration per Kreis (sample data)',
    subtitle: de ? 'Stichtag 31.12.2025 · Satz 2.143 EUR je Person und Jahr · erfundene Zahlen zum Testen' : 'Reference date 31.12.2025 · rate EUR 2,143 per person and year · made-up figures for testing',
    headline: [
      { label: de ? 'Kosten insgesamt' : 'Total cost', value: euro(totalCost), status: 'estimated', note: de ? 'Teilweise geschätzte SV-Beschäftigte' : 'Insured employees partly estimated' },
      { label: de ? 'EU2-Einwohner' : 'EU2 residents', value: count(totalEu2), status: 'official' },
      { label: de ? 'Netto-Personen' : 'Net persons', value: count(totalNet), status: 'estimated' },
      { label: de ? 'Gebiete' : 'Areas', value: count(rows.length) },
    ],
    methodSentence: de
      ? 'Kosten = max(EU2-Einwohner − sozialversicherungspflichtig beschäftigte bulgarische und rumänische Staatsangehörige, 0) × 2.143 EUR je Person und Jahr (Pro-Kopf-Methode der Stadt Dortmund, Städtetag NRW 2021).'
      : 'Cost = max(EU2 residents − insured Bulgarian and Romanian employees, 0) × EUR 2,143 per person and year (per-capita method of the City of Dortmund, Städtetag NRW 2021).',
    map: {
      values,
      groups,
      figureLabel: de ? 'Abbildung 1: Kosten je Einwohner nach Kreisen, 2025' : 'Figure 1: cost per inhabitant by Kreis, 2025',
      legendLabel: de ? 'Kosten je Einwohner (EUR)' : 'Cost per inhabitant (EUR)',
      kind: 'euro',
    },
    bars: {
      figureLabel: de ? 'Abbildung 2: Die 15 Kreise mit den höchsten Kosten' : 'Figure 2: the 15 Kreise with the highest cost',
      valueLabel: de ? 'Kosten (EUR)' : 'Cost (EUR)',
      kind: 'euro',
      items: rows.map((r) => ({ label: String(r.name), value: Number(r.cost) })),
      top: 15,
    },
    lines: {
      figureLabel: de ? 'Abbildung 3: Fortschreibung der Kosten, Deutschland' : 'Figure 3: projected cost, Germany',
      kind: 'euro',
      bandLabel: de ? 'Spanne niedrig–hoch' : 'low–high range',
      series: [
        {
          label: de ? 'mittlere Annahme' : 'middle assumption',
          points: years.map((year, i) => ({
            year,
            value: Math.round(totalCost * 1.04 ** i),
            ...(i === 0 ? {} : { low: Math.round(totalCost * 1.01 ** i), high: Math.round(totalCost * 1.07 ** i) }),
          })),
        },
      ],
    },
    scenarios: {
      figureLabel: de ? 'Abbildung 4: Förderansprüche und ungedeckte Kosten, 10 größte Kreise' : 'Figure 4: claims and uncovered cost, 10 largest Kreise',
      kind: 'euro',
      seriesLabels: de ? ['Förderansprüche', 'ungedeckte Kosten'] : ['claims', 'uncovered cost'],
      groups: byCost.slice(0, 10).map((r) => {
        const claims = Math.round(Number(r.cost) * 0.3);
        return { label: String(r.name), values: [claims, Number(r.cost) - claims] };
      }),
    },
    table: {
      caption: de ? 'Alle Kreise, Stichtag 31.12.2025' : 'All Kreise, 31.12.2025',
      columns: [
        { key: 'ags', label: 'AGS', kind: 'text' },
        { key: 'name', label: de ? 'Gebiet' : 'Area', kind: 'text' },
        { key: 'population', label: de ? 'Einwohner' : 'Population', kind: 'count' },
        { key: 'eu2', label: de ? 'EU2-Einwohner' : 'EU2 residents', kind: 'count' },
        { key: 'insured', label: de ? 'SV-Beschäftigte EU2' : 'Insured EU2 employees', kind: 'count' },
        { key: 'net', label: de ? 'Netto-Personen' : 'Net persons', kind: 'count' },
        { key: 'cost', label: de ? 'Kosten (EUR)' : 'Cost (EUR)', kind: 'euro' },
        { key: 'cost_per_inhabitant', label: de ? 'Kosten je Einwohner' : 'Cost per inhabitant', kind: 'euro' },
        { key: 'eu2_share', label: de ? 'EU2-Anteil' : 'EU2 share', kind: 'percent' },
      ],
      rows,
      statusMarks,
      totals: { ags: null, name: null, population: null, eu2: totalEu2, insured: null, net: totalNet, cost: totalCost, cost_per_inhabitant: null, eu2_share: null },
    },
    explains: rows.slice(0, 2).map((r) => ({
      key: String(r.ags),
      name: String(r.name),
      steps: [
        `EU2-Einwohner ${count(Number(r.eu2))} (12521-0041, 31.12.2025)`,
        `SV-Beschäftigte ${count(Number(r.insured))}`,
        `Netto ${count(Number(r.net))} × 2.143 EUR = ${euro(Number(r.cost))}`,
      ],
    })),
    sources: [
      'Städtetag NRW: Arbeitspapier zur Verbesserung der Lebensverhältnisse von zugewanderten Menschen in prekären Lagen, Stand 10.02.2021, S. 10.',
      'Statistisches Bundesamt (Destatis), GENESIS 12521-0041, Ausländerzentralregister, 31.12.2025, dl-de/by-2-0.',
      'Kartengrundlage: BKG VG5000, Stand 01.01.2021, © GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0.',
    ],
    parameters: [
      { name: 'rate', label: de ? 'Satz je Person und Jahr' : 'Rate per person and year', value: '2.143,00 EUR', date: '2019-01-01', status: 'official', source: 'Städtetag NRW 2021, S. 10' },
      { name: 'insured_ratio', label: de ? 'Anteil SV-Beschäftigte (bundesweit 2019)' : 'Share of insured employees (national 2019)', value: '572.574 / 1.108.393', date: '2019-12-31', status: 'derived', source: 'Städtetag NRW 2021' },
      { name: 'growth', label: de ? 'Wachstum je Jahr (mittel)' : 'Growth per year (middle)', value: '4 %', date: '2025-12-31', status: 'assumption', source: de ? 'Annahme für das Beispiel' : 'assumed for the sample' },
    ],
    provenance: {
      version: '0.1.0',
      generated: '2026-01-15',
      inputs: [{ name: 'eu2_bg_ro_kreise_de_2025-12-31.csv', sha256: 'bf8bb7fb0c5c6b1d0d7e1f4c3a2b19e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2' }],
    },
    notes: [
      de ? 'Landkreis Kassel, das Saarland und Spree-Neiße werden von Destatis mit anderen Kreisen zusammen ausgewiesen; die Karte zeigt sie als ein Gebiet.' : 'Landkreis Kassel, the Saarland and Spree-Neiße are published together with other Kreise; the map shows each group as one area.',
      de ? 'Eisenach (16056) gehört seit 01.07.2021 zum Wartburgkreis.' : 'Eisenach (16056) belongs to the Wartburgkreis since 01.07.2021.',
    ],
  };
}
