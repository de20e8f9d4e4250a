/**
 * What the screenshots show: the network meeting "Schools of tomorrow", once in English and once
 * in German — 12 tables, 6 stakeholder groups, 3 rounds, and the first round's ideas as a room
 * of teachers, students, parents, administrators, researchers and unionists would say them.
 */

/** One idea of round 1, in the order the room says them. */
export interface StoryIdea {
  table: string;
  text: string;
  /** Whose idea: the host taps this group's chip (host ideas), or the phone's profile says it. */
  group: string | null;
  /** Written on a phone by this person (null: no name given); absent: the host captured it. */
  phone?: { name: string | null; showName: boolean };
  starred?: boolean;
}

export interface CafeStory {
  language: 'en' | 'de';
  title: string;
  tables: number;
  questions: [string, string, string];
  /** In the order the start page's "example groups" button gives them in this language. */
  groups: [string, string, string, string, string, string];
  /** The table whose host tablet and participant phone are photographed. */
  focusTable: string;
  /** Typed on the focus table's tablet, each with its chip; the first is starred there. */
  typedOnTablet: { text: string; group: string }[];
  /** Notes the tablet takes while its Wi-Fi is gone (the offline screenshot). */
  typedWhileOffline: string[];
  /** The photographed phone's person, and what they write. */
  phone: { name: string; group: string; idea: string };
  /** Everything else said in round 1, by hosts and other phones. */
  ideas: StoryIdea[];
  /** The idea at the focus table the facilitator hides from the wall. */
  hidden: string;
  broadcast: string;
}

const EN_GROUPS = ['teachers', 'students', 'parents', 'administration', 'universities', 'unions'] as const;
const [teachers, students, parents, administration, universities, unions] = EN_GROUPS;

export const english: CafeStory = {
  language: 'en',
  title: 'Schools of tomorrow — network meeting',
  tables: 12,
  questions: [
    'What does a good school day look like in 2035 — for students and for teachers?',
    'What stands in the way today, and who could move it?',
    'What will you do differently on Monday morning?',
  ],
  groups: [...EN_GROUPS],
  focusTable: '3',
  typedOnTablet: [
    { text: 'School starts at 9, not 7:45 — teenagers learn better when they are awake', group: students },
    { text: 'Teachers plan lessons together in hours that are part of the timetable, not after 4 pm', group: teachers },
    { text: 'Every student has one adult at school who really knows them 🤝', group: parents },
  ],
  typedWhileOffline: ['Mentoring for new teachers in their first two years', 'Ask the students before the timetable is made — the Wi-Fi is down, but the notes stay'],
  phone: { name: 'Mara Lindqvist', group: teachers, idea: 'A project with the neighbourhood every term: the bakery, the council, the care home 🏘️' },
  hidden: 'Mr Becker’s maths lessons are a complete waste of time',
  broadcast: '12 minutes left — please star the key ideas on your tablet. Coffee and pretzels in the foyer ☕🥨',
  ideas: [
    { table: '1', text: 'Fewer subjects per day, longer blocks: 90 minutes to really get into something', group: teachers, starred: true },
    { table: '5', text: 'Students help decide what is on the timetable for one afternoon a week', group: students, phone: { name: 'Jonas', showName: true } },
    { table: '3', text: 'Less homework, more time for sport and music ⚽🎵', group: students, phone: { name: 'Leo', showName: false } },
    { table: '2', text: 'Reports in words, not only grades: what can you do now that you could not do in September?', group: parents, starred: true },
    { table: '7', text: 'A quiet room for anyone who needs ten minutes out 🧘', group: students },
    { table: '4', text: 'Administration takes the paperwork off teachers: one form, filled in once', group: administration },
    { table: '3', text: 'Mr Becker’s maths lessons are a complete waste of time', group: null, phone: { name: null, showName: false } },
    { table: '9', text: 'Teacher training students spend a whole term in one school, not three weeks', group: universities, starred: true },
    { table: '6', text: 'Workload is counted honestly: marking and meetings are working time', group: unions },
    { table: '1', text: 'Lunch together, teachers and students at the same tables 🍲', group: students },
    {
      table: '3',
      text:
        'What we heard at this table again and again: students do not mind hard work, they mind work that has no point. If every unit started with a real question from outside school — how clean is our river, why do buses run late, what would the care home need — the motivation question would mostly answer itself. Teachers said they would need time and a small budget to set this up, and someone at the council who answers the phone.',
      group: universities,
      phone: { name: 'Dr. Aylin Kaya', showName: true },
    },
    { table: '8', text: 'Parents’ evenings online and in the evening, so working parents can come', group: parents, phone: { name: 'Sandra M.', showName: true } },
    { table: '10', text: 'Schools share specialist teachers across a district: one physics teacher for three small schools', group: administration },
    { table: '11', text: 'Research questions come from schools, and universities answer them within a year', group: universities },
    { table: '2', text: 'Smaller classes in the first two years of secondary school', group: unions },
    { table: '5', text: 'Every school has a social worker, full time, not one day a week', group: teachers, starred: true },
    { table: '4', text: 'Budgets decided by the school, not line by line by the authority', group: administration, phone: { name: 'Peter Olsen', showName: false } },
    { table: '7', text: 'Exams that test understanding, not memory 🧠', group: students, starred: true },
    { table: '9', text: 'Co-teaching: two adults in the room for the hardest lessons', group: teachers },
    { table: '6', text: 'New teachers get a mentor and a lighter timetable in year one', group: unions, phone: { name: 'Tom', showName: true } },
    { table: '8', text: 'Students run the school’s repair café every Friday 🔧', group: students },
    { table: '10', text: 'Buildings with good air, good light and quiet corners', group: parents },
    { table: '11', text: 'Feedback goes both ways: students rate lessons too', group: students, phone: { name: 'Amira', showName: true } },
    { table: '1', text: 'Digital tools only where they help, with time for teachers to learn them', group: teachers },
  ],
};

const DE_GROUPS = ['Lehrkräfte', 'Schülerinnen und Schüler', 'Eltern', 'Verwaltung', 'Hochschulen', 'Gewerkschaften'] as const;
const [lehrkraefte, schueler, eltern, verwaltung, hochschulen, gewerkschaften] = DE_GROUPS;

export const german: CafeStory = {
  language: 'de',
  title: 'Schule von morgen — Netzwerktreffen',
  tables: 12,
  questions: [
    'Wie sieht ein guter Schultag im Jahr 2035 aus – für Schülerinnen und Schüler und für Lehrkräfte?',
    'Was steht dem heute im Weg, und wer könnte es bewegen?',
    'Was machst du am Montagmorgen anders?',
  ],
  groups: [...DE_GROUPS],
  focusTable: '3',
  typedOnTablet: [
    { text: 'Verbindliche Teamzeiten im Stundenplan statt Konferenzmarathon nach Unterrichtsschluss', group: lehrkraefte },
    { text: 'Schulsozialarbeiterstellen an jeder Grundschule, in Vollzeit', group: eltern },
    { text: 'Weniger Hausaufgaben, mehr Zeit für Sport und Musik ⚽🎵', group: schueler },
  ],
  typedWhileOffline: ['Mentoring für neue Lehrkräfte in den ersten zwei Jahren', 'Die Schülerschaft vor dem Stundenplan fragen'],
  phone: { name: 'Lena', group: schueler, idea: 'Die Schülervertretung bekommt ein eigenes Budget und entscheidet selbst 💶' },
  hidden: 'Herr Krause sollte endlich in Rente gehen',
  broadcast: 'Noch 12 Minuten – bitte markiert eure Kernideen mit dem Stern. Kaffee und Brezeln gibt es im Foyer ☕🥨',
  ideas: [
    { table: '1', text: 'Fortbildungsbudget, das Lehrkräfte selbst verwalten', group: lehrkraefte, starred: true },
    { table: '2', text: 'Ganztagsangebote gemeinsam mit Sportvereinen und Musikschulen', group: eltern },
    { table: '3', text: 'Herr Krause sollte endlich in Rente gehen', group: null, phone: { name: null, showName: false } },
    { table: '4', text: 'Digitalpaktfördermittel ohne Antragsbürokratie 📋', group: verwaltung, starred: true },
    { table: '5', text: 'Hochschulkooperationen für forschendes Lernen in der Oberstufe', group: hochschulen, phone: { name: 'Prof. Jens Albrecht', showName: true } },
    { table: '3', text: 'Elternsprechtage auch abends und online', group: eltern, phone: { name: 'Katrin', showName: false } },
    { table: '6', text: 'Kein Unterrichtsausfall mehr durch Vertretungsplanungschaos', group: schueler, starred: true },
    { table: '7', text: 'Arbeitszeiterfassung für Lehrkräfte, die Korrekturzeit ehrlich mitzählt', group: gewerkschaften },
    {
      table: '3',
      text:
        'An unserem Tisch kam immer wieder dasselbe: Die Schülerinnen und Schüler scheuen keine Anstrengung, sie scheuen sinnlose Aufgaben. Wenn jede Unterrichtseinheit mit einer echten Frage von außerhalb der Schule begänne – wie sauber ist unser Fluss, warum kommt der Schulbus zu spät –, würde sich die Motivationsfrage meist von selbst beantworten. Dafür braucht es Zeit, ein kleines Budget und eine Ansprechperson bei der Stadtverwaltung.',
      group: hochschulen,
      phone: { name: 'Dr. Aylin Kaya', showName: true },
    },
    { table: '8', text: 'Barrierefreie Schulgebäude: Aufzüge, Ruheräume, Akustikdecken', group: verwaltung },
    { table: '9', text: 'Lehramtsstudierende ein ganzes Halbjahr an einer Schule statt drei Wochen Praktikum', group: hochschulen, starred: true },
    { table: '10', text: 'Mittagessen gemeinsam, Lehrkräfte und Schüler an denselben Tischen 🍲', group: schueler, phone: { name: 'Emre', showName: true } },
    { table: '11', text: 'Berufseinsteigerinnen bekommen eine Mentorin und ein geringeres Stundendeputat', group: gewerkschaften },
    { table: '12', text: 'Zeugnisse in Worten: Was kannst du jetzt, was du im September noch nicht konntest?', group: eltern },
    { table: '1', text: 'Doppelbesetzung in den schwierigsten Stunden', group: lehrkraefte },
  ],
};
