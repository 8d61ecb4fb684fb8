import {
  CourseOrderField,
  CredentialOrderField,
  EnrollmentOrderField,
  OrderDirection,
} from '../../schema/model/enums.js';
import { normaliseSortText, type SortKey } from '../../schema/ordering.js';
import type { CourseView, CredentialView, EnrollmentView } from './views.js';

const time = (date: Date | null) => (date ? date.getTime() : null);

export function courseSortKey(field: CourseOrderField): (course: CourseView) => SortKey {
  switch (field) {
    case CourseOrderField.TITLE:
      return (c) => [normaliseSortText(c.title), c.id];
    case CourseOrderField.UPDATED_AT:
      return (c) => [time(c.updatedAt), c.id];
    case CourseOrderField.STARTS_AT:
      return (c) => [time(c.startsAt), c.id];
    case CourseOrderField.DURATION:
      return (c) => [c.durationMinutes, c.id];
  }
}

export function enrollmentSortKey(field: EnrollmentOrderField): (enrollment: EnrollmentView) => SortKey {
  switch (field) {
    case EnrollmentOrderField.ENROLLED_AT:
      return (e) => [time(e.enrolledAt), e.id];
    case EnrollmentOrderField.COMPLETED_AT:
      return (e) => [time(e.completedAt), e.id];
  }
}

export function credentialSortKey(field: CredentialOrderField): (credential: CredentialView) => SortKey {
  switch (field) {
    case CredentialOrderField.ISSUED_AT:
      return (c) => [time(c.issuedAt), c.id];
    case CredentialOrderField.TITLE:
      return (c) => [normaliseSortText(c.title), c.id];
  }
}

export const isDescending = (direction: OrderDirection | undefined) => direction === OrderDirection.DESC;
