// Mounts the "club we don't list" form wherever a page marks a place for it.
import { mountSuggestionForms } from './suggestionForm.js';

mountSuggestionForms();
