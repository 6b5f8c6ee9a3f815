export * from './dates';
export * from './production-calendar';
export {
  PUBLICATION_WORKING_DAYS,
  addWorkingDays,
  isWorkingDay,
  publicationDue,
  workingDaysBetween,
} from './working-days';
