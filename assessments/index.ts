export { listStates, findState, type State, type StateCode, type ProtocolStatus } from './states.js';
export { listRounds, createRound, type Round, type NewRound } from './rounds.js';
export { registerRubric, RubricChangedError, type RubricVersion } from './rubrics.js';
export { createAssessment, type Assessment, type AssessmentStatus } from './lifecycle.js';
export { saveAnswer, readAnswers, type SavedAnswer } from './answers.js';
export { loadSampleData, sampleStates, sampleRound } from './sample-data.js';
