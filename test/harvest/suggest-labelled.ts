/**
 * 120 ideas as tables at a German school-network café might write them (mostly German, some
 * English, a few mixed, with typos, gender forms and compounds), each labelled with the theme a
 * facilitator would put it in. Written and labelled by hand before the method was tuned; some
 * ideas touch two themes and are labelled where their main point is, as a facilitator decides.
 */
export const THEMES = ['training', 'parents', 'digital', 'wellbeing', 'assessment', 'studentVoice', 'time', 'universities'] as const;
export type Theme = (typeof THEMES)[number];

export interface LabelledIdea {
  id: string;
  text: string;
  theme: Theme;
}

const BY_THEME: Record<Theme, string[]> = {
  training: [
    'Lehrkräftefortbildung am Nachmittag statt in der Unterrichtszeit',
    'Fortbildungen sollten praxisnah sein, nicht nur Vorträge',
    'Fortbildungsbudget pro Schule erhöhen',
    'Schulinterne Fortbildung (SchiLF) regelmäßig einplanen',
    'Kollegiale Hospitation als Fortbildung anerkennen',
    'Fortbilung für Quereinsteiger*innen',
    'Teacher training on inclusion and diversity',
    'Weiterbildung für Schulleitungen in Personalführung',
    'Fortbildungsangebote bündeln – ein Portal für alle Angebote',
    'Lehrerfortbildung: mehr Online-Formate',
    'Professional development should be teacher-led',
    'Fortbildungspflicht ja, aber mit Entlastung',
    'Mentoring für neue Kolleg:innen im Referendariat',
    'Fortbildungen zu Klassenführung und Konfliktlösung',
    'Fortbildungstage fürs ganze Kollegium, gemeinsam lernen',
  ],
  parents: [
    'Elternabend auch digital anbieten',
    'Eltern früher in den Schulentwicklungsprozess einbinden',
    'Elternbeirat bei Entscheidungen wirklich mitreden lassen',
    'Mehrsprachige Elternbriefe',
    'Elterncafé für Familien mit Migrationsgeschichte',
    'Parents should be partners, not just informed',
    'Elternsprechtag mit festen Zeitfenstern',
    'Elternarbeit braucht Zeit und Räume',
    'Eltern als Expert*innen in den Unterricht einladen (Berufe vorstellen)',
    'Dolmetscher für Elterngespräche',
    'Elternvertretung stärken!!',
    'Kommunikation mit Eltern über eine App statt Zettel im Ranzen',
    'Eltren-Lehrer-Gespräche auf Augenhöhe',
    'Family learning evenings for parents and kids',
    'Engagement der Eltern sichtbar machen und würdigen',
  ],
  digital: [
    'WLAN in allen Klassenräumen',
    'Tablets für alle Schülerinnen und Schüler',
    'Digitale Endgeräte brauchen IT-Support an der Schule',
    'KI-Tools im Unterricht: klare Regeln',
    'Digitalpakt-Gelder schneller abrufen',
    'Eine Lernplattform statt fünf verschiedener Apps',
    'Datenschutzkonformer Messenger für Schulen',
    'Digitalisierung braucht Konzepte, nicht nur Geräte',
    'ChatGPT bei den Hausaufgaben – was tun?',
    'Reliable wifi and devices in every classroom',
    'Digitale Tafeln, die auch funktionieren',
    'Medienkompetenz als eigenes Fach',
    'Systemadministrator pro Schule statt Lehrkraft nebenbei',
    'Open-Source-Software an Schulen',
    'digital tools only help with working wifi',
  ],
  wellbeing: [
    'Ruheraum für Schüler:innen in der Mittagspause',
    'Rückzugsorte im Schulgebäude',
    'Schulsozialarbeit an jeder Schule',
    'Mental health days for students',
    'Ruhezonen auf dem Schulhof',
    'Wohlbefinden der Lehrkräfte ernst nehmen – Burnout vorbeugen',
    'Schulpsychologen leichter erreichbar machen',
    'Achtsamkeit im Schulalltag, z.B. 5 Minuten Stille',
    'Quiet room for neurodivergent students',
    'Lärmschutz in Mensa und Fluren',
    'Gesundheitsförderung für Lehrkräfte',
    'Ein Ruheraum statt Abstellkammer 🌿',
    'Mobbing-Prävention und Vertrauenspersonen',
    'Pausenräume gemütlicher gestalten',
    'Wellbeing check-ins in class',
  ],
  assessment: [
    'Noten abschaffen bis Klasse 8',
    'Lernentwicklungsberichte statt Zeugnisnoten',
    'Feedbackkultur statt Notendruck',
    'Bewertungskriterien transparent machen',
    'Portfolioarbeit als Leistungsnachweis',
    'Weniger Klassenarbeiten, mehr Projekte bewerten',
    "Grades don't measure learning",
    'Selbstbewertung der Schüler einüben',
    'Kompetenzraster statt Noten',
    'Zeugnisse verständlicher formulieren',
    'Prüfungsformate überdenken, mündliche Prüfungen aufwerten',
    'Leistungsbewertung im digitalen Zeitalter',
    'Formative assessment over final exams',
    'Notenvergabe im Kollegium einheitlicher',
    'Feedback statt grades!',
  ],
  studentVoice: [
    'Schülervertretung in der Schulkonferenz mit Stimmrecht',
    'SV-Arbeit in der Unterrichtszeit ermöglichen',
    'Schüler:innen an der Schulentwicklung beteiligen',
    'Klassenrat jede Woche',
    'Student voice in curriculum decisions',
    'Jugendparlament mit Schulen vernetzen',
    'Schülerhaushalt: Schüler entscheiden über ein Budget',
    'Mitbestimmung beim Umbau des Schulhofs',
    'Anonymes Schülerfeedback an Lehrkräfte',
    'Schülersprecher:innen fortbilden',
    'Let students co-design the school rules',
    'Beteiligung schon ab der Grundschule',
    'Schülervertretungen vernetzen',
    'SV-Vertreter beim Netzwerktreffen dabei haben',
    'Partizipation ernst meinen, nicht als Alibi',
  ],
  time: [
    'Stundenplan mit 90-Minuten-Blöcken',
    'Späterer Schulbeginn um 9 Uhr',
    'Mehr Zeit für Teamarbeit im Kollegium',
    'Entlastungsstunden für Koordination',
    'Ganztag sinnvoll rhythmisieren',
    'Doppelstunden statt 45-Minuten-Takt',
    'Time for collaboration built into the timetable',
    'Feste Teamzeiten im Stundenplan',
    'Weniger Vertretungsstunden, mehr Planungssicherheit',
    'Projektwochen fest im Jahresplan',
    'Stundenplanung mit Software',
    'Unterrichtsverpflichtung senken, damit Zeit bleibt',
    'Längere Pausenzeiten',
    'Later start times for teenagers',
    'Zeitfenster für Lernzeiten und Freiarbeit',
  ],
  universities: [
    'Kooperation mit Hochschulen beim Praxissemester',
    'Lehramtsstudierende früher an die Schulen holen',
    'Uni-Schule-Partnerschaften ausbauen',
    'Forschungsprojekte gemeinsam mit der Universität',
    'Wissenschaftliche Begleitung von Schulentwicklung durch die Uni',
    'Cooperation with universities for research on teaching',
    'Studierende als Lernbegleiter im Ganztag',
    'Praktikumsplätze für Lehramtsstudierende besser betreuen',
    'Hochschulen öffnen ihre Labore für Schulklassen',
    'Schülerlabore an der Uni',
    'Kooperationsvertrag Schule–Hochschule',
    'University students mentoring pupils',
    'Transfer von Forschung in die Praxis',
    'Universitätsschulen als Modell',
    'Lehrerbildung an der Uni praxisnäher machen',
  ],
};

/** The labelled ideas, with ids that do not follow the themes (so id order carries no hint). */
export const LABELLED_IDEAS: LabelledIdea[] = THEMES.flatMap((theme, t) =>
  BY_THEME[theme].map((text, i) => ({ id: `idea-${String(((i * THEMES.length + t) * 37) % 120).padStart(3, '0')}`, text, theme })),
);

/** The café's question, as the facilitator would pass it as `commonText`: its words are in every answer's background. */
export const CAFE_QUESTION = 'Schule gemeinsam gestalten: Was brauchen Schülerinnen, Schüler und Lehrkräfte, damit Lernen an unserer Schule gelingt?';
