// Longer than ~300 lines on purpose: the one catalogue of every word the reports use, in both languages, kept in one place.
/**
 * The one catalogue of words for the human formats (table, md, HTML report, workbook), in German and
 * English. German is the default: the people who read these reports are German municipal
 * analysts and councils. Machine formats (csv, json) keep their English keys; json takes the
 * English words of its notes and explanations from here (output/notes.ts, output/trace.ts).
 */
export type Lang = 'de' | 'en';
export const DEFAULT_LANG: Lang = 'de';

/** The status scale, surest first; a figure is as unsure as its least sure input. */
export const STATUSES = ['official', 'derived', 'secondary', 'proposed', 'estimated', 'assumption', 'projected'] as const;
export type Status = (typeof STATUSES)[number];

const TERMS = {
  // Column heads.
  'col.ags': ['AGS', 'AGS'],
  'col.name': ['Gebiet', 'Area'],
  'col.year': ['Jahr', 'Year'],
  'col.population': ['Einwohner', 'Population'],
  'col.eu2': ['EU2-Einwohner', 'EU2 residents'],
  'col.insured': ['SV-Beschäftigte EU2', 'Insured EU2 employees'],
  'col.net': ['Netto-Personen', 'Net persons'],
  'col.rate': ['Satz (EUR je Person)', 'Rate (EUR per person)'],
  'col.cost': ['Kosten (EUR)', 'Cost (EUR)'],
  'col.cost_per_inhabitant': ['Kosten je Einwohner (EUR)', 'Cost per inhabitant (EUR)'],
  'col.eu2_share': ['EU2-Anteil (%)', 'EU2 share (%)'],
  'col.claims': ['Förderansprüche (EUR)', 'Programme claims (EUR)'],
  'col.uncovered': ['Ungedeckte Kosten (EUR)', 'Uncovered cost (EUR)'],
  'col.coverage': ['Deckungsgrad (%)', 'Coverage (%)'],
  'col.status': ['Status', 'Status'],
  // Status words and what they mean.
  'status.official': ['amtlich', 'official'],
  'status.derived': ['abgeleitet', 'derived'],
  'status.secondary': ['Sekundärquelle', 'secondary'],
  'status.proposed': ['vorgeschlagen', 'proposed'],
  'status.estimated': ['geschätzt', 'estimated'],
  'status.assumption': ['Annahme', 'assumption'],
  'status.projected': ['fortgeschrieben', 'projected'],
  'status.official.explain': [
    'Von einer amtlichen Stelle veröffentlicht und unverändert übernommen.',
    'Published by an official body and taken over unchanged.',
  ],
  'status.derived.explain': [
    'Durch einfache Rechnung aus amtlichen Zahlen gewonnen, etwa als Differenz zweier Tabellenwerte.',
    'Obtained from official figures by simple arithmetic, such as the difference of two table cells.',
  ],
  'status.secondary.explain': [
    'Aus einer nicht amtlichen Quelle übernommen, die sich auf amtliche Zahlen beruft.',
    'Taken from a non-official source that cites official figures.',
  ],
  'status.proposed.explain': [
    'Ein vorgeschlagener, noch nicht beschlossener Wert, etwa aus einem Entwurf.',
    'A value that has been proposed but not yet adopted, for example in a draft.',
  ],
  'status.estimated.explain': [
    'Beruht auf einer Schätzung, zum Beispiel SV-Beschäftigte nach dem bundesweiten Verhältnis von 2019.',
    'Rests on an estimate, for example insured employees imputed from the national 2019 ratio.',
  ],
  'status.assumption.explain': [
    'Ein angenommener Wert ohne Quelle, der das Ergebnis trägt und begründet werden muss.',
    'An assumed value without a source, which the result rests on and which needs a reason.',
  ],
  'status.projected.explain': [
    'In ein künftiges Jahr fortgeschrieben; hängt von der angenommenen Entwicklung ab.',
    'Carried forward into a future year; depends on the assumed development.',
  ],
  // Report headings.
  'heading.headline': ['Auf einen Blick', 'At a glance'],
  'heading.map': ['Karte', 'Map'],
  'heading.chart': ['Diagramm', 'Chart'],
  'heading.table': ['Tabelle', 'Table'],
  'heading.explains': ['Herleitung einzelner Zahlen', 'How single figures were obtained'],
  'heading.sources': ['Quellen', 'Sources'],
  'heading.parameters': ['Parameter', 'Parameters'],
  'heading.provenance': ['Herkunft der Rechnung', 'Provenance'],
  'heading.notes': ['Hinweise', 'Notes'],
  'heading.marks': ['Kennzeichen', 'Marks'],
  'marks.none': ['ohne Zeichen', 'no mark'],
  'heading.method': ['Methode', 'Method'],
  'method.sentence': [
    'Kosten = max(EU2-Einwohner − sozialversicherungspflichtig beschäftigte bulgarische und rumänische Staatsangehörige, 0) × Satz je Person und Jahr (Pro-Kopf-Methode der Stadt Dortmund, Städtetag NRW 2021).',
    'Cost = max(EU2 residents − Bulgarian and Romanian employees subject to social insurance, 0) × rate per person and year (per-capita method of the City of Dortmund, Städtetag NRW 2021).',
  ],
  // Words of the map and the charts.
  'map.no_data': ['keine Angabe', 'no data'],
  'map.grouped': ['als ein Gebiet gezählt', 'counted as one area'],
  'map.not_on_map': ['Nicht auf der Karte (Gebietsstand 2021)', 'Not on the map (boundaries of 2021)'],
  'chart.others': ['übrige', 'others'],
  'chart.range': ['Spanne niedrig–hoch', 'low–high range'],
  'chart.low': ['niedrig', 'low'],
  'chart.high': ['hoch', 'high'],
  'chart.bars': ['Balken', 'bars'],
  'chart.largest': ['größter Wert', 'largest value'],
  'chart.groups': ['Gebiete', 'areas'],
  'chart.each': ['je', 'each with'],
  'chart.data_table': ['Daten als Tabelle', 'Data as a table'],
  'table.total': ['Summe', 'Total'],
  'table.sort_hint': ['Spaltenkopf anklicken zum Sortieren', 'Click a column head to sort'],
  'param.name': ['Name', 'Name'],
  'param.value': ['Wert', 'Value'],
  'param.date': ['gültig ab', 'in force from'],
  'param.source': ['Quelle', 'Source'],
  'prov.input': ['Eingabedatei', 'Input file'],
  'prov.generated_by': ['Erstellt mit burden', 'Made with burden'],
  // Words of the reports built from a computation (output/html.ts, output/xlsx.ts).
  'report.title': ['Kosten der Zuwanderung aus Bulgarien und Rumänien', 'Cost of immigration from Bulgaria and Romania'],
  'report.germany': ['Deutschland', 'Germany'],
  'report.areas': ['Gebiete', 'areas'],
  'report.rules': ['Regelwerk', 'rule set'],
  'report.rate': ['Satz', 'Rate'],
  'report.rate_unit': ['je Netto-Person und Jahr, Preisstand', 'per net person and year, price level'],
  'head.cost': ['Kosten', 'Cost'],
  'head.net': ['Netto-Personen', 'Net persons'],
  'head.eu2': ['EU2-Einwohner', 'EU2 residents'],
  'head.claims': ['Förderansprüche', 'Programme claims'],
  'head.uncovered': ['Ungedeckte Kosten', 'Uncovered cost'],
  'head.total_over': ['Summe', 'total'],
  'map.figure': ['Kosten je Einwohner nach Kreisen', 'Cost per inhabitant by Kreis'],
  'map.legend': ['Kosten je Einwohner (EUR)', 'Cost per inhabitant (EUR)'],
  'map.laender': ['Die Zeilen sind Länder: eine Karte der Kreise entfällt.', 'The rows are Länder: there is no map of Kreise.'],
  'map.no_kreise': ['Keine Zeile ist einem Kreis zuzuordnen: eine Karte der Kreise entfällt.', 'No row belongs to a Kreis: there is no map of Kreise.'],
  'map.summed': ['Gemeinden sind für die Karte zu ihrem Kreis zusammengefasst.', 'Municipalities are summed to their Kreis for the map.'],
  'map.last_year': ['Karte und Balken zeigen das Jahr', 'The map and the bars show the year'],
  'bars.figure': ['Kosten je Gebiet, größte zuerst', 'Cost per area, largest first'],
  'lines.figure': ['Kosten je Jahr', 'Cost per year'],
  'scenarios.figure': ['Förderansprüche und ungedeckte Kosten je Gebiet', 'Programme claims and uncovered cost per area'],
  'scenarios.largest': ['die {n} Gebiete mit den höchsten Kosten', 'the {n} areas with the highest cost'],
  'col.claim': ['Anspruch', 'Claim'],
  'col.claims_status': ['Status Förderansprüche', 'Status of claims'],
  // A projection's range (pipeline/projected-rows.ts).
  'col.net_low': ['Netto-Personen niedrig', 'Net low'],
  'col.net_high': ['Netto-Personen hoch', 'Net high'],
  'col.cost_low': ['Kosten niedrig (EUR)', 'Cost low (EUR)'],
  'col.cost_high': ['Kosten hoch (EUR)', 'Cost high (EUR)'],
  'col.range_status': ['Status der Spanne', 'Range status'],
  'col.range_driver': ['Treiber der Spanne', 'Driver'],
  'col.difference': ['Differenz der Förderansprüche (EUR)', 'Difference of claims (EUR)'],
  'col.rows': ['Zeilen', 'Rows'],
  'col.no': ['Nr.', 'No.'],
  'col.kind': ['Art', 'Kind'],
  'col.text': ['Text', 'Text'],
  'param.unit': ['Einheit', 'Unit'],
  'unit.per_person_year': ['je Person und Jahr', 'per person and year'],
  'unit.per_year': ['je Jahr', 'per year'],
  'param.description': ['Beschreibung', 'Description'],
  'sheet.results': ['Ergebnisse', 'Results'],
  'sheet.totals': ['Summen', 'Totals'],
  'sheet.sources': ['Quellen und Hinweise', 'Sources and notes'],
  'sheet.parameters': ['Parameter', 'Parameters'],
  'kind.source': ['Quelle', 'Source'],
  'kind.note': ['Hinweis', 'Note'],
  'kind.warning': ['Warnung', 'Warning'],
  'kind.method': ['Methode', 'Method'],
  'kind.input': ['Eingabe (SHA-256)', 'Input (SHA-256)'],
  'kind.status': ['Status', 'Status'],
  // The terminal table and Markdown (table, md): short column heads that fit a terminal.
  'tab.ags': ['AGS', 'AGS'],
  'tab.name': ['Name', 'Name'],
  'tab.year': ['Jahr', 'Year'],
  'tab.population': ['Einwohner', 'Population'],
  'tab.eu2': ['EU2', 'EU2'],
  'tab.insured': ['SV-Besch.', 'Insured'],
  'tab.net': ['Netto', 'Net'],
  'tab.cost': ['Kosten (EUR)', 'Cost (EUR)'],
  'tab.cost_per_inhabitant': ['EUR/Einw.', 'EUR/inh.'],
  'tab.eu2_share': ['EU2 %', 'EU2 %'],
  'tab.claims': ['Ansprüche (EUR)', 'Claims (EUR)'],
  'tab.uncovered': ['Ungedeckt (EUR)', 'Uncovered (EUR)'],
  'tab.coverage': ['Deckung %', 'Coverage %'],
  'tab.difference': ['Δ Ansprüche {second} − {first} (EUR)', 'Δ claims {second} − {first} (EUR)'],
  'tab.total': ['Summe ({rows})', 'Total ({rows})'],
  'tab.total_year': ['Summe {year} ({rows})', 'Total {year} ({rows})'],
  'tab.total_years': ['Summe {first}–{last} ({rows})', 'Total {first}–{last} ({rows})'],
  'tab.row': ['Zeile', 'row'],
  'tab.rows': ['Zeilen', 'rows'],
  // Notes under the table and md: short, each source cited once as [n] in the list at the end.
  'note.method': [
    'Methode: Pro-Kopf-Methode der Stadt Dortmund, Kosten = (EU2-Einwohner − SV-Beschäftigte, mindestens 0) × Satz; Satz {rate} EUR je Netto-Person und Jahr, Preisstand {year}',
    'Method: Dortmund per-capita method, cost = (EU2 residents − insured employees, at least 0) × rate; rate {rate} EUR per net person and year, price level {year}',
  ],
  'note.uprated': ['aus {base} mit dem Verbraucherpreisindex fortgeschrieben', 'uprated from {base} with the consumer price index'],
  'note.price_index': ['Verbraucherpreisindex {years}: {status}', 'Consumer price index {years}: {status}'],
  'note.legend': ['Kennzeichen hinter jeder Zahl (ohne Zeichen: amtlich): {letters}.', 'Status after each figure (none: official): {letters}.'],
  'note.insured': [
    'SV-Beschäftigte: wo nicht angegeben, geschätzt nach dem bundesweiten Verhältnis von SV-Beschäftigten zu EU2-Einwohnern',
    'Insured employees: where not given, estimated from the national ratio of insured employees to EU2 residents',
  ],
  'note.insured_from': ['SV-Beschäftigte', 'Insured employees'],
  'table.last_year': ['Die Tabelle zeigt das letzte Jahr, {year} ({shown} von {rows} Zeilen); csv, json und xlsx enthalten jede Zeile.',
    'The table shows the last year, {year} ({shown} of {rows} rows); csv, json and xlsx hold every row.'],
  'note.prices': ['Preise: jedes Jahr zu seinen eigenen Preisen (Satz mit dem Verbraucherpreisindex fortgeschrieben)', 'Prices: each year at its own prices (the rate uprated with the consumer price index)'],
  'note.years': [
    'Die Zeilen umfassen {count} Jahre: Summen je Jahr, und über {first}–{last} nur Geld, das sich über Jahre addiert (Personen nicht).',
    'The rows are for {count} years: totals per year, and over {first}–{last} only money, which adds up across years (persons do not).',
  ],
  'note.overrides': ['Für diesen Lauf geändert: {list}.', 'Overrides for this run: {list}.'],
  'note.population': ['Einwohner', 'Population'],
  'note.price_rule': [
    'Preise: Die Kosten eines Haushaltsjahres stehen in dessen Preisen (Satz mit dem Verbraucherpreisindex fortgeschrieben), außer --price-year legt einen Preisstand fest; Zahlen ohne Jahr bleiben im Preisstand des Satzes.',
    'Prices: each budget year\'s cost is at that year\'s prices (the rate uprated with the consumer price index from its own price level to the year of the counts) unless --price-year fixes one level; counts without a year stay at the rate\'s own price level.',
  ],
  'note.sources': ['Quellen:', 'Sources:'],
  // The notes of rule sets and of priced years (output/notes.ts: json writes them in English).
  'note.rules': ['Regeln {id}: {title}. In Kraft: {in_force}.', 'Rules {id}: {title}. In force: {in_force}.'],
  'note.in_force_item': ['{id} [{status}]', '{id} [{status}]'],
  'note.none': ['keines', 'none'],
  'note.claim_doubt': ['Ansprüche aus {rules}/{id}: Status {status}, gestützt auf: {reasons}.', 'Claims of {rules}/{id}: claim status {status}, resting on: {reasons}.'],
  'note.reason_programme': ['das Programm ist {status}', 'the programme is {status}'],
  'note.reason_programme_assumed': ['das Programm ist eine Annahme', 'the programme is an assumption'],
  'note.reason_parameter': ['{field} ist der Parameter {parameter} = {value} {unit} [{status}{flag}]', '{field} is parameter {parameter} = {value} {unit} [{status}{flag}]'],
  'note.reason_rule_assumptions': ['die Annahmen der Regel zu {fields}', "the rule's assumptions on {fields}"],
  'note.unallocated': ['Nicht verteilter Topf (keine berechtigte Kommune oder alle gedeckelt): {list}.', 'Unallocated pot (no eligible municipality, or all capped): {list}.'],
  'note.pot_area': [
    'Feste Töpfe werden über das ganze Gebiet des Programms verteilt: die {rows} Zeile(n) der Eingabe{replaced} und {further} weitere Kreis(e) mit ihren Zahlen aus dem mitgelieferten Datensatz „{dataset}“ ({date}; SV-Beschäftigte nach dem bundesweiten Verhältnis geschätzt), die an den Töpfen teilhaben, aber nicht gezeigt werden; eine Gemeinde der Eingabe wird aus den Zahlen ihres Kreises herausgerechnet.',
    "Fixed pots are shared over the programme's whole area: the input's {rows} row(s){replaced} and {further} further Kreis(e) with their counts from the shipped dataset \"{dataset}\" ({date}; insured estimated from the national ratio), which share the pots but are not shown; a Gemeinde of the input is taken out of its Kreis's counts.",
  ],
  'note.pot_area_replaced': [' (anstelle von {replaced} Kreis(en) des Gebiets)', ' (standing for {replaced} Kreis(e) of the area)'],
  'note.programmes_each_year': [
    'Programme gelten in jedem Jahr, das ihr Geltungszeitraum umfasst; ein fester Topf wird unter den Zeilen jedes Jahres verteilt.',
    'Programmes apply in each year their validity window covers; a fixed pot is shared among the rows of each year.',
  ],
  'note.claim_status_rule': [
    'Ein Anspruch ist so unsicher wie die Zahlen, auf denen er beruht, und wie sein Programm (ein vorgeschlagenes Programm: vorgeschlagen; ein angenommener Betrag, Schlüssel oder eine angenommene Berechtigung: Annahme); die Null eines Programms, das im Jahr nicht in Kraft ist, ist abgeleitet.',
    'A claim is as unsure as the figures it rests on and as its programme (a proposed programme: proposed; an assumed amount, key or eligibility: assumption); the zero of a programme not in force that year is derived.',
  ],
  'note.population_held': [
    'Die Einwohnerzahl bleibt in fortgeschriebenen Jahren auf dem Stand des Basisjahres (Einwohner werden nicht fortgeschrieben); EU2-Anteile und Einwohner-Schlüssel dieser Jahre beruhen darauf.',
    'Population is held at its base-year count in projected years (no population is projected); EU2 shares and population keys of those years rest on it.',
  ],
  'note.price_levels_one': [
    'Programmbeträge sind die des Haushaltsjahres {year}, die Kosten stehen in Preisen von {price_year}: Ansprüche, ungedeckte Kosten und Deckungsgrad vergleichen verschiedene Preisstände (mit {flag} {year} stehen die Kosten in Preisen des Haushaltsjahres).',
    'Programme amounts are those of the budget year {year}, costs are at {price_year} prices: claims, uncovered cost and coverage compare different price levels (give {flag} {year} to price the costs in the budget year).',
  ],
  'note.price_levels_years': [
    'Programmbeträge sind die jedes Haushaltsjahres ({years}), die Kosten stehen alle in Preisen von {price_year}: Ansprüche, ungedeckte Kosten und Deckungsgrad vergleichen verschiedene Preisstände ({mend}).',
    'Programme amounts are those of each budget year ({years}), costs are all at {price_year} prices: claims, uncovered cost and coverage compare different price levels ({mend}).',
  ],
  'note.price_levels_mend_projecting': ['ohne --price-year steht jedes Jahr in seinen eigenen Preisen', 'leave out --price-year to price each year at its own prices'],
  'note.price_levels_mend': ['eine Fortschreibung (--years) bewertet jedes Jahr zu seinen eigenen Preisen', 'a projection, --years, prices each year at its own prices'],
  'note.growth_what_eu2': ['EU2-Einwohner', 'EU2 residents'],
  'note.growth_what_insured': ['SV-Beschäftigte', 'insured employees'],
  'note.growth_constant': ['{what} bleiben auf dem Stand des Basisjahres', '{what} stay at their base-year count'],
  'note.growth_ratio': [
    '{what} bleiben bei ihrem Anteil an den EU2-Einwohnern im Basisjahr: insured(y) = round(eu2(y) × insured(base) / eu2(base))',
    '{what} stay at their base-year share of EU2 residents: insured(y) = round(eu2(y) × insured(base) / eu2(base))',
  ],
  'note.growth_rate': ['{what} wachsen um {percent} % im Jahr (angenommen), jedes Jahr auf ganze Personen gerundet', '{what} grow by {percent} % a year (assumed), rounded to whole persons each year'],
  'note.growth_trend': [
    '{what} wachsen um {percent} % im Jahr: das durchschnittliche jährliche Wachstum der EU2-Einwohner in Deutschland {from}–{to} ({from_level} → {to_level}; {sources}), jedes Jahr auf ganze Personen gerundet',
    '{what} grow by {percent} % a year: the compound annual growth of EU2 residents in Germany {from}–{to} ({from_level} → {to_level}; {sources}), rounded to whole persons each year',
  ],
  'note.growth_series': ['{what} folgen den je Schlüssel angegebenen Zahlen je Jahr{file}', '{what} follow the yearly counts given per key{file}'],
  'note.growth_line_eu2': ['Wachstum der EU2-Einwohner ({scenario}): {description}.', 'EU2 growth ({scenario}): {description}.'],
  'note.growth_line_insured': ['SV-Beschäftigte ({scenario}): {description}.', 'Insured ({scenario}): {description}.'],
  'note.not_included': [
    'Nicht enthalten, mit den Worten des Arbeitspapiers: Kosten dauerhafter gesellschaftlicher Teilhabe und der Stabilisierung von Quartieren; ein bundesweiter Satz kann regionale Unterschiede nicht abbilden (Arbeitspapier S. 10, Fußnote 2).',
    "Not included, in the paper's words: costs of lasting social participation and of stabilising neighbourhoods; one national rate cannot show regional differences (Arbeitspapier S. 10, footnote 2).",
  ],
  'note.inflation': [
    'Nach {after_year} wird der Verbraucherpreisindex mit {rates} fortgeschrieben ({sources}); solche Raten haben den Status fortgeschrieben.',
    'After {after_year} the price index is carried forward at {rates} ({sources}); such rates are projected.',
  ],
  'note.inflation_rate': ['{percent} % im Jahr', '{percent} % a year'],
  'note.inflation_rate_from': ['{percent} % im Jahr ab {from_year}', '{percent} % a year from {from_year}'],
  'note.and': [' und ', ' and '],
  'note.status_source': ['{status}: {source}', '{status}: {source}'],
  'note.range_line': ['Spanne: {text}', 'Range: {text}'],
  'note.range': [
    'niedrig und hoch verbinden den Satz −/+ {spread} % mit dem Wachstum der EU2-Einwohner {low} / {high}{per_year}; der Treiber ist die Eingabe, deren Ausschlag allein, die andere in der Mitte gehalten, die Kosten am stärksten bewegt.',
    'low and high combine the rate −/+ {spread} % with EU2 growth {low} / {high}{per_year}; the driver is the input whose swing alone, the other held central, moves the cost most.',
  ],
  'note.range_per_year': [' ({low} % / {high} % im Jahr)', ' ({low} % / {high} % a year)'],
  'note.range_no_projection': [' (keine Fortschreibung: das Wachstum spielt keine Rolle)', ' (no projection: growth does not matter)'],
  'note.paper_eu2': ['EU2-Einwohner in Deutschland{date}: {origin}.', 'EU2 residents in Germany{date}: {origin}.'],
  'note.origin_parameter': ['Parameter {name}, {date}{source}', 'parameter {name}, {date}{source}'],
  'note.origin_overridden': ['Parameter {name}, für diesen Lauf geändert{source}', 'parameter {name}, overridden{source}'],
  'note.counts_years_differ': ['Die beiden Zahlen sind aus verschiedenen Jahren ({eu2_year}, {insured_year}).', 'The two counts are for different years ({eu2_year}, {insured_year}).'],
  'note.idle_inflation': [
    'Die Änderung {override} wirkt nicht: kein Jahr steht in Preisen nach {last_year}, dem letzten Jahr des Verbraucherpreisindex (Parameter vpi).',
    'The override {override} has no effect: no year is priced after {last_year}, the last year of the price index (parameter vpi).',
  ],
  'note.insured_estimated': ['wo nicht angegeben, geschätzt: {formula}', 'estimated where unknown: {formula}'],
  'note.insured_estimated_flagged': ['wo nicht angegeben, geschätzt: {formula}, als geschätzt gekennzeichnet', 'estimated where unknown: {formula}, flagged estimated'],
  'note.national_ratio': [
    'insured = round(eu2 × {insured} / {eu2}), das bundesweite Verhältnis vom {date} (SV-Beschäftigte aus BG/RO: Parameter insured_bg_ro_de{insured_source}; EU2-Einwohner: Parameter eu2_residents_de{eu2_source})',
    'insured = round(eu2 × {insured} / {eu2}), the national ratio of {date} (insured BG/RO employees: parameter insured_bg_ro_de{insured_source}; EU2 residents: parameter eu2_residents_de{eu2_source})',
  ],
  'note.regional_ratio': [
    '{national}, je Kreis skaliert mit seiner Beschäftigungsquote ausländischer Staatsangehöriger im Verhältnis zu der Deutschlands ({rate}; Datensatz beschq-aus-kreise-2019{source}, {date}); eine Annahme: die Quelle hat keine Zahlen nach Staatsangehörigkeit, daher wird angenommen, dass BG/RO-Staatsangehörige eines Kreises so vom bundesweiten Verhältnis abweichen wie alle seine ausländischen Staatsangehörigen von allen in Deutschland; Schlüssel, die kein Kreis sind, nehmen das bundesweite Verhältnis',
    "{national}, scaled per Kreis by its employment rate of foreign nationals over Germany's ({rate}; dataset beschq-aus-kreise-2019{source}, {date}); an assumption: the source has no figures by nationality, so BG/RO nationals of a Kreis are assumed to differ from the national ratio as all its foreign nationals differ from all in Germany; keys that are no Kreis take the national ratio",
  ],
  'note.from_input': ['aus der Eingabe', 'from the input'],
  'note.input_line': ['Eingabe:{source}.', 'Input:{source}.'],
  'note.given_with_insured': ['mit --insured angegeben', 'given with --insured'],
  'note.register': ['Gemeindeverzeichnis', 'register'],
  'note.population_register': ['aus der Eingabe, wo angegeben, sonst aus dem{register}{unknown}', 'from the input where given, otherwise from the{register}{unknown}'],
  'note.population_unknown_tail': ['; unbekannt für Schlüssel, die in keinem von beiden stehen (siehe Warnung)', '; unknown for keys in neither (see the warning)'],
  'note.population_unknown': [
    'aus der Eingabe, wo angegeben; sonst unbekannt, da die Schlüssel nicht im{register} stehen (siehe Warnung)',
    'from the input where given; elsewhere unknown, the keys not being in the{register} (see the warning)',
  ],
  'note.population_projected': [
    'die Zahl des Basisjahres aus der Eingabe oder dem Gemeindeverzeichnis; Einwohner werden nicht fortgeschrieben',
    'the base-year count from the input or the register; no population is projected',
  ],
  'note.moved_counts': [
    'Die Zahlen sind von {data_year}; --year {year} überträgt sie unverändert auf das Haushaltsjahr {year} (calc --years schreibt sie fort).',
    'The counts are for {data_year}; --year {year} applies them unchanged to the budget year {year} (calc --years projects them).',
  ],
  'note.see': ['siehe', 'see'],
  // --explain for people: one sentence per figure, numbers in the report's locale.
  'explain.heading': ['So entstehen die Zahlen für {place}:', 'How the figures for {place} are obtained:'],
  'explain.eu2': ['{place} hat {eu2} EU2-Einwohner (Eingabe {at}).', '{place} has {eu2} EU2 residents (input {at}).'],
  'explain.joined': ['Verbunden mit {at}.', 'Joined with {at}.'],
  'explain.population': ['Einwohner: {population}{ref}.', 'Population: {population}{ref}.'],
  'explain.population_unknown': ['Die Einwohnerzahl ist unbekannt; Zahlen je Einwohner bleiben leer.', 'The population is unknown, so figures per inhabitant are left empty.'],
  'explain.insured_regional': [
    '{insured} von ihnen sind schätzungsweise sozialversicherungspflichtig beschäftigt (bundesweites Verhältnis vom {date}: {national_insured} SV-Beschäftigte zu {national_eu2} EU2-Einwohnern{ref}, skaliert mit der Beschäftigungsquote ausländischer Staatsangehöriger des Kreises, {kreis} %, zu der Deutschlands, {germany} %).',
    "{insured} of them are estimated to be in insured employment (national ratio of {date}: {national_insured} insured employees to {national_eu2} EU2 residents{ref}, scaled by the Kreis's employment rate of foreign nationals, {kreis} %, over Germany's, {germany} %).",
  ],
  'explain.insured_estimated': [
    '{insured} von ihnen sind schätzungsweise sozialversicherungspflichtig beschäftigt (bundesweites Verhältnis vom {date}: {national_insured} SV-Beschäftigte zu {national_eu2} EU2-Einwohnern{ref}).',
    '{insured} of them are estimated to be in insured employment (national ratio of {date}: {national_insured} insured employees to {national_eu2} EU2 residents{ref}).',
  ],
  'explain.insured_input': ['{insured} von ihnen sind sozialversicherungspflichtig beschäftigt (Eingabe {at}).', '{insured} of them are in insured employment (input {at}).'],
  'explain.net': ['Es bleiben {net} Personen ohne versicherte Beschäftigung.', 'That leaves {net} persons without insured employment.'],
  'explain.net_clamped': [
    'Es sind mehr SV-Beschäftigte als EU2-Einwohner angegeben; die Netto-Personen werden auf 0 gesetzt.',
    'More insured employees than EU2 residents are given, so net persons are set to 0.',
  ],
  'explain.rate': ['Der Satz beträgt {rate} EUR je Person und Jahr zum Preisstand {year}{ref}.', 'The rate is {rate} EUR per person and year at {year} prices{ref}.'],
  'explain.uprated': [
    'In Preisen von {year} sind das {rate} EUR (Verbraucherpreisindex {from_year}: {from_index}{from_ref}, {to_year}: {to_index}{to_ref}).',
    'At {year} prices that is {rate} EUR (consumer price index {from_year}: {from_index}{from_ref}, {to_year}: {to_index}{to_ref}).',
  ],
  'explain.cost': ['Kosten: {net} Personen × {rate} EUR = {cost} EUR im Jahr.', 'Cost: {net} persons × {rate} EUR = {cost} EUR a year.'],
  'explain.programme': ['Programm {text}', 'Programme {text}'],
  'explain.input': ['Eingabe', 'input'],
  'explain.claims': ['{rules}: Förderansprüche zusammen {total} EUR', '{rules}: claims together {total} EUR'],
  'explain.uncovered': ['{rules}: ungedeckt bleiben {uncovered} EUR (Kosten abzüglich Ansprüche, mindestens 0)', '{rules}: {uncovered} EUR remain uncovered (cost minus claims, at least 0)'],
  'explain.coverage': ['{rules}: Die Ansprüche decken {coverage} % der Kosten', '{rules}: the claims cover {coverage} % of the cost'],
  'explain.no_cost': ['{rules}: keine Kosten, also kein Deckungsgrad', '{rules}: no cost, so no coverage'],
  'explain.parameter': ['{label}: {value}{ref}', '{label}: {value}{ref}'],
  'explain.projected': ['fortgeschrieben', 'projected'],
  // The engine's words in the explanation of a claim (engine/trace.ts TRACE_WORDS).
  'word.yes': ['ja', 'yes'],
  'word.no': ['nein', 'no'],
  'word.no_criteria': ['keine Voraussetzungen: jede Kommune', 'no eligibility criteria: every municipality'],
  'word.land': ['Land', 'Land'],
  'word.key': ['Schlüssel', 'key'],
  'word.in_list': ['in der Liste', 'in the list'],
  'word.keys': ['Schlüssel', 'keys'],
  'word.eu2': ['EU2-Einwohner', 'eu2'],
  'word.net': ['Netto-Personen', 'net'],
  'word.population': ['Einwohner', 'population'],
  'word.eu2_share': ['EU2-Anteil', 'EU2 share'],
  'word.share_unknown': ['EU2-Anteil unbekannt (keine Einwohnerzahl)', 'EU2 share unknown (no population)'],
  'word.not_in_force': ['nicht in Kraft', 'not in force'],
  'word.open': ['offen', 'open'],
  'word.not_eligible': ['nicht berechtigt', 'not eligible'],
  'word.pot': ['Topf', 'pot'],
  'word.all_eligible': ['alle Berechtigten im Gebiet des Programms', "all eligible in the programme's area"],
  'word.largest_remainder': ['Cent nach größtem Rest verteilt', 'largest-remainder cents'],
  'word.capped_at': ['gedeckelt auf', 'capped at'],
  'word.of_cost': ['der Kosten', 'of cost'],
  'word.cost': ['Kosten', 'cost'],
  'word.in_year': ['im Jahr', 'in'],
  'word.fixed_pot': ['fester Topf', 'fixed_pot'],
  'word.share_of_cost': ['Anteil der Kosten', 'share_of_cost'],
  'word.per_person': ['Betrag je Person', 'per_person'],
  'word.parameter': ['Parameter', 'parameter'],
  'word.in_rule': ['in der Regel', 'in the rule'],
  'word.from': ['ab', 'from'],
  'word.is_assumption': ['ist eine Annahme', 'is an assumption'],
  'word.claim': ['Anspruch', 'claim'],
} as const satisfies Record<string, readonly [string, string]>;

export type TermKey = keyof typeof TERMS;

/** The word for `key` in `lang`. */
export function term(lang: Lang, key: TermKey): string {
  return TERMS[key][lang === 'en' ? 1 : 0];
}

export function statusWord(lang: Lang, status: Status): string {
  return term(lang, `status.${status}`);
}

export function statusExplanation(lang: Lang, status: Status): string {
  return term(lang, `status.${status}.explain`);
}

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

/**
 * The word for `key` in `lang` with its `{name}` slots filled: numbers arrive already written
 * in the report's locale, so the catalogue never formats anything itself.
 */
export function fill(lang: Lang, key: TermKey, values: Record<string, string | number>): string {
  return term(lang, key).replace(/\{(\w+)\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot));
}

/** Every key, for tests that check the catalogue is complete. */
export const TERM_KEYS = Object.keys(TERMS) as TermKey[];
