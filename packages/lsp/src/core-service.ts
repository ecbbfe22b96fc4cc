// Core's editor-feature service (packages/core/src/service), re-exported for the feature modules.
export * from '@cdrlint/core';
