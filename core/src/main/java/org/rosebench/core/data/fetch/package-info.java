/**
 * Downloading the GLUE and AdvGLUE data: a catalogue of pinned sources ({@link DataSources}, shipped as
 * {@code sources.json}), a resumable checked download and a safe install under a data root ({@link DataFetcher}),
 * and a check of what is already on disk ({@link DataVerifier}).
 */
package org.rosebench.core.data.fetch;
