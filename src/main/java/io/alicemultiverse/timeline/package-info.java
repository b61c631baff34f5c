/**
 * Timelines for video editors: catalogued clips and stills in order, with durations from ffprobe, written as
 * OpenTimelineIO JSON, FCPXML or a CMX 3600 EDL.
 */
package io.alicemultiverse.timeline;
