/** Ideas as tables write them, in both of a café's languages, short and long, with emoji: what the benches send. */
export const SAYINGS = [
  'Mehr Zeit für Gespräche zwischen Lehrkräften und Eltern',
  'Students should co-design the timetable 🗓️',
  'Less testing, more projects with the community — and real feedback from people outside school who care about what students make',
  'Ein Raum zum Durchatmen in jeder Schule 🌿',
  'Pair new teachers with mentors for the whole first year',
  'Digitale Werkzeuge helfen nur, wenn Lehrkräfte Zeit bekommen, sie zu lernen',
  'Open the library in the evenings for families',
];
