/** The processor Lambda: one EventBridge event in, a stored record, history and (maybe) an alert out. */
package io.github.optimizationjobtracker.processor;
