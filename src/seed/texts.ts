/*
 * Text templates for the free-text columns. `{name}` placeholders are filled
 * by `fill`; several message bodies run past the 140-character preview.
 */

export type TemplateValues = Record<string, string>;

/** The template with each `{key}` replaced by its value. */
export function fill(template: string, values: TemplateValues): string {
  return template.replace(/\{(\w+)\}/g, (match: string, key: string) => values[key] ?? match);
}

/** Casting director to talent, about one of the director's productions ({production}, {role}). */
export const PRODUCTION_MESSAGES = [
  "Hi {first}, thanks for applying to {production}. We'll be in touch soon.",
  "Quick reminder: self-tapes for {role} on {production} are due by Friday at 5pm.",
  "Hi {first}, are you free for a chemistry read for {production} next week?",
  "Thanks {first}! We received your materials for {role}.",
  "Hi {first}, thank you for submitting for {role} on {production}. The team loved the energy in your reel. We're holding callbacks in {city} next week and would like you to keep Tuesday and Wednesday afternoon free. Details to follow.",
  "Hello {first}, I'm casting {production} and came across your profile. I think {role} could suit you well and I'd love to see a self-tape: keep it under two minutes, slate with your name and height, and use natural light if you can.",
  "Hi {first}, a heads-up that shooting dates for {production} have moved by a week. If you're still available, no action is needed; if not, please reply here so we can update your submission for {role}.",
  "Congratulations {first}! You're pinned for {role} on {production}. We'll confirm by the end of the week, once the director has watched the final round of tapes.",
  "Hi {first}, could you send a more recent headshot for {production}? Ideally natural light, no heavy retouching.",
  "Unfortunately {role} on {production} has been cast. Thank you for a lovely audition; we'd be glad to see you for future projects.",
] as const;

/** Casting director to talent, not about a particular production. */
export const GENERAL_MESSAGES = [
  "Hi {first}, I run a casting office in {city} and keep a short list of actors for upcoming projects. Would you like to be on it? No commitment, just reply here.",
  "Loved your reel, {first}. Keep your profile up to date: we're casting a lot this season.",
  "Hi {first}, is your availability for next month still open?",
  "Hello {first}, we're putting together an invite-only workshop in {city} on self-taping technique. It's free for actors on our list and runs two evenings; let me know if you'd like a seat.",
  "Hi {first}, your profile came up in a search. Are you comfortable working with animals on set?",
  "Happy new season, {first}! A reminder to add your latest credits so we can find you in searches.",
] as const;

/** Talent replying to a casting director who wrote first. */
export const REPLIES = [
  "Thank you so much! I'm available and will send the tape by Friday.",
  "Thanks for reaching out. Could you share the sides?",
  "Hold confirmed for Tuesday and Wednesday. Looking forward to it!",
  "Thanks for the update, that works for me.",
  "I've uploaded a new headshot to my media locker.",
  "Thank you for thinking of me. I'd love to be on your list, and I'm based in {city}, so in-person sessions are easy for me to get to.",
] as const;

export const COVER_LETTERS = [
  "I'd love to be considered for {role}. I've played similar parts on stage and I'm available for the full shoot.",
  "Attached is my latest reel. {role} really speaks to me and I'm local to {city}.",
  "I'm excited about {production} and have availability throughout the shooting window.",
  "Big fan of the script. Happy to self-tape at short notice.",
] as const;

export const DRAFT_COVER_LETTERS = [
  "Hi, I'd like to be considered for",
  "Notes: mention the summer stock run",
  "I'm excited about {production} and",
] as const;

export const INVITATION_NOTES = [
  "We think you'd be great for {role}. Please apply if you're available.",
  "Your profile caught our eye for {role} on {production}.",
  "We'd love to see you for this one.",
] as const;

export const AUDITION_INSTRUCTIONS = [
  "Please tape both scenes from the sides. Slate with your name, height and location.",
  "One take of the monologue, framed from the chest up. Natural light is fine.",
  "Tape the scene twice: once as written, once with a lighter, comic tone.",
  "Reader off camera. Keep the tape under three minutes.",
] as const;

export const BIOS = [
  "{city}-based actor trained in Meisner technique. Most at home in grounded drama and dry comedy.",
  "Classically trained stage actor moving into screen work. Recent credits include regional theatre and two short films.",
  "Comedic actor and improviser. Performs weekly with an improv troupe in {city}.",
  "Bilingual actor and voice artist with ten years of commercial and voice-over work.",
  "Former dancer turned actor; comfortable with movement-heavy and stunt roles.",
] as const;
