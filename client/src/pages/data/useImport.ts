/**
 * The import panel's state and actions: the file and options, Check (a dry run with a preview)
 * and Import (the same without dryRun), the upload's percentage and the server's
 * `import:progress` for this upload's token, the report (or the refusal with its report).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/http';
import {
  ImportRefusedError,
  newUploadToken,
  uploadImport,
  type ImportProgress,
  type ImportReport,
} from '../../api/imports';
import { live } from '../../api/live';
import { applyFix, crsField, DEFAULT_OPTIONS, encodingField, optionsProblem, type ImportOptions } from './options';
import type { SuggestedFix } from './report';

export type Phase = 'idle' | 'uploading' | 'working';

export interface ImportRun {
  /** What produced the report: a check (dry run) or an import. */
  kind: 'check' | 'import';
  report: ImportReport;
  /** The server refused the file (422): why. The report says where. */
  refused: string | null;
  /** The file and options the report is for (Import sends the same). */
  file: File;
  options: ImportOptions;
}

export interface ImportState {
  file: File | null;
  options: ImportOptions;
  phase: Phase;
  /** 0–100 while uploading. */
  uploadPercent: number;
  /** The server's latest progress for this upload. */
  progress: ImportProgress | null;
  run: ImportRun | null;
  error: string | null;
}

/** `onDone`: after every run the server answered (checks and refusals are in the history too). */
export function useImport(onDone: () => void) {
  const [file, setFileState] = useState<File | null>(null);
  const [options, setOptions] = useState<ImportOptions>(DEFAULT_OPTIONS);
  const [phase, setPhase] = useState<Phase>('idle');
  const [uploadPercent, setUploadPercent] = useState(0);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [run, setRun] = useState<ImportRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const token = useRef<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  // The server's progress messages, for the upload in flight only.
  useEffect(
    () =>
      live.onImportProgress((p) => {
        if (p.upload === token.current) setProgress(p);
      }),
    [],
  );
  useEffect(() => () => abort.current?.abort(), []);

  const setFile = useCallback((f: File | null) => {
    setFileState(f);
    setRun(null);
    setError(null);
  }, []);

  const send = useCallback(
    async (kind: ImportRun['kind'], f: File, o: ImportOptions) => {
      const problem = optionsProblem(o);
      if (problem) {
        setError(problem);
        return;
      }
      const upload = newUploadToken();
      token.current = upload;
      abort.current?.abort();
      const ctl = new AbortController();
      abort.current = ctl;
      setPhase('uploading');
      setUploadPercent(0);
      setProgress(null);
      setError(null);
      try {
        const report = await uploadImport({
          layer: o.layer,
          file: f,
          crs: crsField(o),
          encoding: encodingField(o),
          snapMetres: o.snapMetres,
          dryRun: kind === 'check',
          upload,
          socket: live.socketId,
          signal: ctl.signal,
          onUploadProgress: (sent, total) => {
            setUploadPercent(total ? Math.round((sent / total) * 100) : 100);
            if (sent >= total) setPhase('working');
          },
        });
        setRun({ kind, report, refused: null, file: f, options: o });
        onDone();
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if (err instanceof ImportRefusedError) {
          setRun({ kind, report: err.report, refused: err.message, file: f, options: o });
          onDone();
        } else setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
      } finally {
        if (abort.current === ctl) {
          abort.current = null;
          token.current = null;
          setPhase('idle');
        }
      }
    },
    [onDone],
  );

  const check = useCallback(() => {
    if (file) void send('check', file, options);
  }, [file, options, send]);

  /** Imports the file that was checked, with the options it was checked with. */
  const commit = useCallback(() => {
    if (run) void send('import', run.file, run.options);
  }, [run, send]);

  /** Applies a warning's fix to the options and checks again. */
  const fixAndCheck = useCallback(
    (fix: SuggestedFix) => {
      const next = applyFix(options, fix);
      setOptions(next);
      if (file) void send('check', file, next);
    },
    [file, options, send],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);

  const state: ImportState = { file, options, phase, uploadPercent, progress, run, error };
  return { state, setFile, setOptions, check, commit, fixAndCheck, cancel };
}
