export { linearSumAssignment } from './hungarian.ts';
