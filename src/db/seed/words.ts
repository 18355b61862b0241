/* The fixed vocabulary the demo data is drawn from: names, places, titles, parts, skills. */

export const FIRST_NAMES = [
  "Amara", "Ben", "Camila", "Darius", "Elena", "Felix", "Grace", "Hiro", "Imani", "Jonah",
  "Keira", "Liam", "Maya", "Nico", "Olivia", "Priya", "Quentin", "Rosa", "Samir", "Tessa",
  "Uma", "Victor", "Wren", "Xavier", "Yara", "Zane", "Aisha", "Bruno", "Chloe", "Diego",
  "Esme", "Farah", "Gabriel", "Hana", "Isaac", "Jada", "Kofi", "Lena", "Mateo", "Nadia",
  "Owen", "Paloma", "Rafael", "Sofia", "Theo", "Valentina", "Malik", "Noor", "Ezra", "Ingrid",
] as const;

export const LAST_NAMES = [
  "Adeyemi", "Bennett", "Castillo", "Dubois", "Eriksen", "Fitzgerald", "Goldberg", "Hayashi", "Ibrahim", "Jensen",
  "Kowalski", "Laurent", "Mbeki", "Nakamura", "O'Connell", "Petrova", "Quinn", "Ramirez", "Silva", "Thompson",
  "Underwood", "Varga", "Whitaker", "Xu", "Yilmaz", "Zimmerman", "Alvarez", "Brooks", "Chen", "Delgado",
  "Ellison", "Fontaine", "Garcia", "Holloway", "Iqbal", "Johansson", "Kim", "Lindqvist", "Moreno", "Novak",
  "Okafor", "Park", "Reyes", "Sato", "Tanaka", "Vasquez", "Walsh", "Young", "Mensah", "Rossi",
] as const;

/** Production and talent locations: a short fixed list, so roles and profiles often meet. */
export const CITIES = ["Los Angeles", "New York", "Atlanta", "London", "Toronto", "Vancouver", "Chicago", "Albuquerque"] as const;

export const PRODUCTION_KINDS = [
  "Feature Film", "TV Series", "Commercial", "Short Film", "Stage Play", "Music Video", "Web Series", "Student Film",
] as const;

export const TITLE_OPENERS = [
  "The Long", "Midnight", "Silver", "Northern", "Broken", "Hidden", "Last", "Golden", "Quiet", "Electric",
  "Paper", "Salt", "Burning", "Little", "Wild", "Hollow", "Distant", "Crimson", "Summer", "Glass",
] as const;

export const TITLE_NOUNS = [
  "Winter", "Harbor", "Lights", "Road", "Kingdom", "Garden", "Frequency", "Orchard", "Tide", "Signal",
  "Station", "Rivers", "Machines", "Hearts", "Parade", "Witness", "Avenue", "Static", "Ghosts", "Season",
] as const;

export const BRANDS = ["Sunny Oat Milk", "Northwind Airlines", "Brightside Bank", "Pixel Phone", "Cedar & Co. Furniture", "Zest Cola"] as const;
export const CAMPAIGNS = ["Spring Campaign", "Holiday Spot", "Summer Launch", "Brand Anthem", "Social Cut-downs"] as const;

/** Parts to cast, each with a one-line breakdown. */
export const ROLE_PARTS: ReadonlyArray<readonly [name: string, description: string]> = [
  ["Detective", "Sharp, tired, funny when it counts. Carries the investigation through the season."],
  ["Barista", "Knows every regular's order and every regular's secret."],
  ["Older Sister", "Protective to a fault; the family's unofficial referee."],
  ["Paramedic", "Calm under pressure. Some medical terminology."],
  ["ER Nurse", "Night-shift veteran with a dry sense of humour."],
  ["Security Guard", "Imposing but gentle; two short scenes."],
  ["Young Parent", "Juggling a toddler and a job interview. Comedic timing a plus."],
  ["Jogger", "Non-speaking. Must be comfortable running on camera."],
  ["Lead Singer", "Fronts a struggling indie band. Must sing live."],
  ["High School Teacher", "Idealistic, a little overwhelmed, deeply kind."],
  ["Tech Founder", "Charismatic, fast-talking, hiding something."],
  ["Grandmother", "Warm matriarch with a mischievous streak."],
  ["Lawyer", "Precise and ambitious; several pages of courtroom dialogue."],
  ["Intern", "Eager, awkward, always in the wrong meeting."],
  ["Villain's Henchman", "Stunt-capable; fight choreography provided."],
  ["Chef", "Runs a chaotic kitchen with total confidence."],
  ["Pilot", "Steady voice, commanding presence. Uniform provided."],
  ["Street Musician", "Plays guitar in the subway. Must play live."],
  ["Best Friend", "The lead's confidant; the heart of the comedy."],
  ["News Anchor", "Polished delivery, teleprompter experience helpful."],
  ["Dock Worker", "Background with one line. Physical role."],
  ["Neighbour", "Nosy, well-meaning, always at the window."],
  ["Hospital Administrator", "Pragmatic boss who has seen it all."],
  ["Ballet Dancer", "Classical training required; rehearsal scenes."],
  ["Soldier", "Ensemble role; boot camp week before the shoot."],
  ["Customer", "Featured extra in a supermarket spot."],
  ["Narrator", "Voice only. Warm, trustworthy tone."],
  ["Stand-up Comedian", "Performs a two-minute set in the pilot."],
] as const;

export const SKILLS = [
  "Stage combat", "Horse riding", "Piano", "Guitar", "Singing (soprano)", "Singing (baritone)", "Ballet", "Tap dance",
  "Hip-hop dance", "Improvisation", "Stand-up comedy", "Puppetry", "Juggling", "Scuba diving", "Swimming", "Skateboarding",
  "Martial arts", "Fencing", "Driving (manual)", "Motorcycle licence", "American Sign Language", "Spanish (fluent)",
  "French (fluent)", "Mandarin (conversational)", "British RP accent", "Southern US accent", "Irish accent",
  "New York accent", "Voice-over", "Teleprompter", "Yoga", "Rock climbing", "Ice skating", "Archery", "Baking",
  "Circus aerials",
] as const;

/** The kinds of part a talent lists in their credits. */
export const CREDIT_PARTS = [
  "Lead", "Supporting", "Guest Star", "Co-Star", "Recurring", "Ensemble", "Principal", "Featured", "Voice", "Understudy",
] as const;
