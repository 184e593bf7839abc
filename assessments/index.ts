export { listStates, findState, type State, type StateCode, type ProtocolStatus } from './states.js';
export { listRounds, createRound, findRound, type Round, type NewRound } from './rounds.js';
export { registerRubric, RubricChangedError, type RubricVersion } from './rubrics.js';
export {
  createAssessment, findAssessment, assertEditable, listAssessments, takeStep, latestSnapshotHash, steps, statusLabels,
  type Assessment, type AssessmentStatus, type Step,
} from './lifecycle.js';
export { addComment, listComments, type Comment } from './comments.js';
export { completeness, outstandingForSubmission, type Completeness, type Outstanding } from './completeness.js';
export { AssessmentError } from './errors.js';
export {
  saveAnswer, readAnswer, readAnswers, readAnswersOf, listAnswers, listAnswersAt, answerHistory, answerHistories, AnswerConflictError,
  type StoredAnswer, type StoredProblem, type AnswerChange, type AnswerHistoryEntry,
} from './answers.js';
export { loadSampleData, sampleStates, sampleRound, sampleRounds, sampleAnswers } from './sample-data.js';
export { writeAnswersWorkbook, readAnswersWorkbook, WORKBOOK_FORMAT, type WorkbookHeader, type WorkbookProblem, type WorkbookRead } from './workbook.js';
export { loadRoundScores, type RoundCard, type RoundScores } from './cards.js';
