import { registerEnumType } from "type-graphql";

export enum AccountType {
  TALENT = "TALENT",
  CASTING_DIRECTOR = "CASTING_DIRECTOR",
}

export enum Gender {
  FEMALE = "FEMALE",
  MALE = "MALE",
  NON_BINARY = "NON_BINARY",
}

export enum UnionStatus {
  UNION = "UNION",
  NON_UNION = "NON_UNION",
}

export enum ApplicationStatus {
  INVITED = "INVITED",
  DRAFT = "DRAFT",
  SUBMITTED = "SUBMITTED",
  DECLINED = "DECLINED",
}

export enum AuditionRequestStatus {
  REQUESTED = "REQUESTED",
  SUBMITTED = "SUBMITTED",
}

export enum MediaKind {
  PHOTO = "PHOTO",
  VIDEO = "VIDEO",
  AUDIO = "AUDIO",
  DOCUMENT = "DOCUMENT",
}

registerEnumType(AccountType, { name: "AccountType" });
registerEnumType(Gender, { name: "Gender" });
registerEnumType(UnionStatus, { name: "UnionStatus" });
registerEnumType(ApplicationStatus, { name: "ApplicationStatus" });
registerEnumType(AuditionRequestStatus, { name: "AuditionRequestStatus" });
registerEnumType(MediaKind, { name: "MediaKind" });

/** The application lists of the dashboard; the contract's README defines each. */
export enum ApplicationFilter {
  ALL = "ALL",
  INVITES = "INVITES",
  DRAFTS = "DRAFTS",
  ACTIVE = "ACTIVE",
  AUDITIONS = "AUDITIONS",
  ARCHIVED = "ARCHIVED",
}

/** What earns points in the profile score. */
export enum ProfileItem {
  HEADSHOT = "HEADSHOT",
  PHOTOS = "PHOTOS",
  BIO = "BIO",
  PHYSICAL_DETAILS = "PHYSICAL_DETAILS",
  LOCATION = "LOCATION",
  SKILLS = "SKILLS",
  CREDITS = "CREDITS",
  VIDEO_REEL = "VIDEO_REEL",
  AUDIO_REEL = "AUDIO_REEL",
}

registerEnumType(ApplicationFilter, { name: "ApplicationFilter" });
registerEnumType(ProfileItem, { name: "ProfileItem" });
