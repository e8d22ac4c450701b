/** The search text analyzer (docs/ARCHITECTURE.md §6.1): pure code shared by the core and the renderer. */
export {
  ANALYZER_VERSION,
  analyze,
  analyzeQuery,
  analyzeQueryWord,
  analyzeWordForms,
  forEachTokenForms,
  clearAnalyzerCache,
  type AnalyzedToken,
  type LanguageHint,
  type QueryWordForms,
  type WordForms,
} from './analyzer';
export { stemKazakh } from './kazakh-stemmer';
export { kazakhLatinToCyrillic } from './latin-kazakh';
export { chooseCyrillicLanguage, chooseLatinLanguage, hasKazakhLetters, scriptOf, type Script } from './language';
export { kazakhLooseStem, looseForm, toLoose } from './loose';
export { stemEnglish, stemRussian } from './snowball';
export { HYPHEN_SUFFIXES, tokenize, type Token } from './tokenize';
