import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** GraphQL shapes of recognised learning (issue 14). Enum values are the stored values (records.ts). */
export enum ProviderKindEnum {
  EXTERNAL_PLATFORM = 'EXTERNAL_PLATFORM',
  AGENCY = 'AGENCY',
}
export enum QualityCriterionEnum {
  /** An agency reviewed the provider's courses (JIU recommendation 6: "judicious curating"). */
  CURATED_COURSES = 'CURATED_COURSES',
  /** Courses state learning objectives that their length can achieve. */
  REALISTIC_LEARNING_OBJECTIVES = 'REALISTIC_LEARNING_OBJECTIVES',
  /** Credentials are issued after an assessment, not for attendance. */
  ASSESSED_COMPLETION = 'ASSESSED_COMPLETION',
  /** Learners' identity is checked before credentials are issued. */
  IDENTITY_VERIFIED = 'IDENTITY_VERIFIED',
  /** Credentials are Open Badges 3.0 / Verifiable Credentials that can be verified. */
  VERIFIABLE_CREDENTIALS = 'VERIFIABLE_CREDENTIALS',
  /** Revocation is published (a status list), so a revoked credential fails verification. */
  PUBLISHES_REVOCATION = 'PUBLISHES_REVOCATION',
}
export enum AgreementStatusEnum {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  ENDED = 'ENDED',
}
export enum RecognisedAsKindEnum {
  COURSE = 'COURSE',
  CREDIT_HOURS = 'CREDIT_HOURS',
}
export enum RecognitionStatusEnum {
  /** Presented and recognised; waiting for the agency's manager to record it. */
  PENDING = 'PENDING',
  /** Being written into the LMS, or a write failed half-way: recording it again completes it. */
  RECORDING = 'RECORDING',
  /** Recorded: in the LMS (`recordedInLms`), or in Convergence only where the LMS cannot record it. */
  RECORDED = 'RECORDED',
  /** The credential was revoked or suspended before it was recorded. */
  REVOKED = 'REVOKED',
}
export enum VerificationStatusEnum {
  VERIFIED = 'VERIFIED',
  FAILED = 'FAILED',
  UNVERIFIABLE = 'UNVERIFIABLE',
}
export enum CheckOutcomeEnum {
  PASSED = 'PASSED',
  FAILED = 'FAILED',
  UNVERIFIABLE = 'UNVERIFIABLE',
  SKIPPED = 'SKIPPED',
}

registerEnumType(ProviderKindEnum, { name: 'ProviderKind', description: 'Who issues the credentials.' });
registerEnumType(QualityCriterionEnum, {
  name: 'QualityCriterion',
  description: 'Curation criteria a provider meets.',
});
registerEnumType(AgreementStatusEnum, { name: 'AgreementStatus' });
registerEnumType(RecognisedAsKindEnum, {
  name: 'RecognisedAsKind',
  description: 'What recognised learning counts as.',
});
registerEnumType(RecognitionStatusEnum, { name: 'RecognitionStatus' });
registerEnumType(VerificationStatusEnum, { name: 'VerificationStatus' });
registerEnumType(CheckOutcomeEnum, { name: 'CheckOutcome' });

@ObjectType({ description: 'Who made a change (from their sign-in) and their roles.' })
export class ChangeActor {
  @Field(() => String, { nullable: true }) subject!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => [String]) roles!: string[];
  @Field(() => String, { nullable: true }) agency!: string | null;
}

@ObjectType({ description: 'One change of a record: when, by whom, and which fields.' })
export class RecordChange {
  @Field(() => Date) at!: Date;
  @Field(() => ChangeActor) by!: ChangeActor;
  @Field(() => String, { description: 'CREATED, REGISTERED, UPDATED, or the status set.' }) action!: string;
  @Field(() => [String]) fields!: string[];
}

@ObjectType({
  description: 'A provider of credentials learners present, with its curation facts (JIU recommendation 6).',
})
export class ProviderProfile {
  @Field(() => ID) code!: string;
  @Field(() => String) name!: string;
  @Field(() => ProviderKindEnum) kind!: ProviderKindEnum;
  @Field(() => String, { nullable: true, description: 'The agency, for providers that are one.' }) agency!:
    | string
    | null;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => [String], { description: 'Issuer ids (DIDs, profile URLs) its credentials are signed as.' })
  issuerIds!: string[];
  @Field(() => [String], { description: 'Credential or achievement types accepted from it.' })
  acceptedCredentialTypes!: string[];
  @Field(() => [QualityCriterionEnum]) qualityCriteria!: QualityCriterionEnum[];
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType({ description: 'What an agreement recognises: every criterion given must hold.' })
export class RecognitionCriteria {
  @Field(() => [String]) achievementIds!: string[];
  @Field(() => [String], { description: 'Course codes as the issuer names them (OB 3.0 `humanCode`).' })
  courseIds!: string[];
  @Field(() => [String]) credentialTypes!: string[];
  @Field(() => Float, { nullable: true }) minimumHours!: number | null;
}

@ObjectType({ description: 'What recognised learning counts as in the recognising agency.' })
export class RecognisedAs {
  @Field(() => RecognisedAsKindEnum) kind!: RecognisedAsKindEnum;
  @Field(() => ID, { nullable: true, description: 'The equivalent local course (COURSE).' }) courseId!: string | null;
  @Field(() => Float, { nullable: true, description: "Hours credited (CREDIT_HOURS); null: the credential's hours." })
  hours!: number | null;
}

@ObjectType({
  description: 'An inter-agency agreement: an agency recognises credentials of a provider (JIU recommendation 7).',
})
export class RecognitionAgreement {
  @Field(() => ID) id!: string;
  @Field(() => String) recognisingAgency!: string;
  @Field(() => RecognitionCriteria) recognises!: RecognitionCriteria;
  @Field(() => RecognisedAs) countsAs!: RecognisedAs;
  @Field(() => Date) validFrom!: Date;
  @Field(() => Date, { nullable: true }) validUntil!: Date | null;
  @Field(() => AgreementStatusEnum) status!: AgreementStatusEnum;
  @Field(() => Int, { description: 'Raised by every change; give it to updates to detect concurrent edits.' })
  version!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType({ description: 'One check of a verification.' })
export class VerificationCheck {
  @Field(() => String, { description: 'format, signature, issuer, validity, status, achievement or subject.' })
  name!: string;
  @Field(() => CheckOutcomeEnum) outcome!: CheckOutcomeEnum;
  @Field(() => String, { nullable: true, description: 'The reason code (README "Credential verification").' })
  reason!: string | null;
  @Field(() => String) message!: string;
}

@ObjectType({ description: 'Why a credential did not verify.' })
export class VerificationReason {
  @Field(() => String) check!: string;
  @Field(() => String) code!: string;
  @Field(() => String) message!: string;
}

@ObjectType({ description: 'A structured verdict on a credential: never a bare boolean.' })
export class CredentialVerification {
  @Field(() => VerificationStatusEnum) status!: VerificationStatusEnum;
  @Field(() => String, { nullable: true, description: 'VC_DATA_INTEGRITY, VC_JWT, OB2_SIGNED or OB2_HOSTED.' })
  format!: string | null;
  @Field(() => [VerificationReason]) reasons!: VerificationReason[];
  @Field(() => [VerificationCheck]) checks!: VerificationCheck[];
  @Field(() => Date) checkedAt!: Date;
  @Field(() => String, { nullable: true, description: 'What the credential claims (trust it only when VERIFIED).' })
  issuerId!: string | null;
  @Field(() => String, { nullable: true }) issuerName!: string | null;
  @Field(() => String, { nullable: true }) achievementId!: string | null;
  @Field(() => String, { nullable: true }) achievementName!: string | null;
  @Field(() => Float, { nullable: true }) hours!: number | null;
}

@ObjectType({ description: 'The person a recognition belongs to, as their sign-in named them.' })
export class RecognisedPerson {
  @Field(() => String, { nullable: true }) indexNumber!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
}

@ObjectType({ description: 'One attempt at recording a recognition in the LMS.' })
export class RecordingAttempt {
  @Field(() => Date) at!: Date;
  @Field(() => String, { description: 'STARTED, RECORDED, KEPT_IN_CONVERGENCE, FAILED or REVOKED.' }) outcome!: string;
  @Field(() => String, { nullable: true, description: 'The error code of a failed attempt.' }) code!: string | null;
}

@ObjectType({ description: 'Learning recognised by an agency under an agreement, and whether its LMS holds it.' })
export class Recognition {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The recognising agency.' }) agency!: string;
  @Field(() => RecognitionStatusEnum) status!: RecognitionStatusEnum;
  @Field(() => String, { description: 'What the LMS record shows.' }) title!: string;
  @Field(() => RecognisedAs) countsAs!: RecognisedAs;
  @Field(() => Float, { nullable: true, description: 'Hours credited.' }) hours!: number | null;
  @Field(() => RecognisedPerson) person!: RecognisedPerson;
  @Field(() => String, { nullable: true }) achievementId!: string | null;
  @Field(() => String, { nullable: true }) issuerId!: string | null;
  @Field(() => VerificationStatusEnum, { description: 'The verdict when it was presented.' })
  verification!: VerificationStatusEnum;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether the agency's LMS holds it; null until recorded. False: kept in Convergence only (see notRecordedReason).",
  })
  recordedInLms!: boolean | null;
  @Field(() => String, { nullable: true }) notRecordedReason!: string | null;
  @Field(() => ID, { nullable: true, description: 'The enrolment of the transcript that holds it.' })
  enrollmentId!: string | null;
  @Field(() => Date) presentedAt!: Date;
  @Field(() => Date, { nullable: true }) recordedAt!: Date | null;
  @Field(() => [RecordingAttempt]) attempts!: RecordingAttempt[];
}

@ObjectType({
  description: 'What presenting a credential gives: the verdict, the agreements that apply, the recognitions.',
})
export class CredentialPresentation {
  @Field(() => CredentialVerification) verification!: CredentialVerification;
  @Field(() => [RecognitionAgreement], { description: 'Agreements in force that recognise it, in any agency.' })
  applicableAgreements!: RecognitionAgreement[];
  @Field(() => [Recognition], { description: "Recognitions kept for the agencies asked (default: the learner's own)." })
  recognitions!: Recognition[];
}

@ObjectType({
  description: 'How many recognitions an agency has in a status; small counts are withheld from analysts.',
})
export class RecognitionCount {
  @Field(() => String) agency!: string;
  @Field(() => RecognitionStatusEnum) status!: RecognitionStatusEnum;
  @Field(() => Int, { nullable: true }) count!: number | null;
  @Field(() => Boolean, { description: 'True when the count is under the disclosure threshold and withheld.' })
  suppressed!: boolean;
}

@ObjectType({ description: "Recognitions the caller may see: one by one (their own, their agency's), and counts." })
export class RecognitionsResult {
  @Field(() => Int, { nullable: true, description: 'Null when withheld (fewer than the disclosure threshold).' })
  total!: number | null;
  @Field(() => [RecognitionCount]) counts!: RecognitionCount[];
}

@InputType()
export class ProviderInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => ProviderKindEnum, { nullable: true }) kind?: ProviderKindEnum | null;
  @Field(() => String, { nullable: true }) agency?: string | null;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => [String], { nullable: true }) issuerIds?: string[] | null;
  @Field(() => [String], { nullable: true }) acceptedCredentialTypes?: string[] | null;
  @Field(() => [QualityCriterionEnum], { nullable: true }) qualityCriteria?: QualityCriterionEnum[] | null;
}

@InputType()
export class RecognitionCriteriaInput {
  @Field(() => [String], { nullable: true }) achievementIds?: string[] | null;
  @Field(() => [String], { nullable: true }) courseIds?: string[] | null;
  @Field(() => [String], { nullable: true }) credentialTypes?: string[] | null;
  @Field(() => Float, { nullable: true }) minimumHours?: number | null;
}

@InputType({ description: 'A local course (courseId) or learning credit (hours; none: the credential’s hours).' })
export class RecognisedAsInput {
  @Field(() => ID, { nullable: true }) courseId?: string | null;
  @Field(() => Float, { nullable: true }) hours?: number | null;
}

@InputType()
export class AgreementInput {
  @Field(() => String) recognisingAgency!: string;
  @Field(() => String, { description: 'The issuer: a provider profile code.' }) provider!: string;
  @Field(() => RecognitionCriteriaInput) recognises!: RecognitionCriteriaInput;
  @Field(() => RecognisedAsInput) countsAs!: RecognisedAsInput;
  @Field(() => Date) validFrom!: Date;
  @Field(() => Date, { nullable: true }) validUntil?: Date | null;
}

@InputType()
export class AgreementFilterInput {
  @Field(() => String, { nullable: true }) recognisingAgency?: string | null;
  @Field(() => String, { nullable: true }) provider?: string | null;
  @Field(() => AgreementStatusEnum, { nullable: true }) status?: AgreementStatusEnum | null;
  @Field(() => Boolean, { nullable: true, description: 'Only agreements in force now.' }) inForce?: boolean | null;
}

@InputType()
export class RecognitionFilterInput {
  @Field(() => [String], { nullable: true }) agencies?: string[] | null;
  @Field(() => [RecognitionStatusEnum], { nullable: true }) statuses?: RecognitionStatusEnum[] | null;
  @Field(() => String, { nullable: true }) provider?: string | null;
}
