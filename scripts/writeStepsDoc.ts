/** `npm run docs:steps`: writes docs/steps.md from the step library's own definitions. */
import { writeFileSync } from 'node:fs';
import { renderStepsMarkdown } from '../steps/library/catalogue.ts';

writeFileSync('docs/steps.md', renderStepsMarkdown());
