import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// Rules contain their internal errors for users; the tests want to see them.
process.env.ENTRA_GUARD_DEBUG = '1';
