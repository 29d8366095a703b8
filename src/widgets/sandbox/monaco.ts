/**
 * Monaco for the sandbox, loaded by dynamic import only when the reader opens the editor.
 * Workers come through Vite `?worker` imports. The stylesheets Monaco's modules import are
 * linked by Astro to the page whose route imports this module: that is why the sandbox is
 * src/pages/sandbox.astro and not an MDX entry (Starlight renders every entry with one route,
 * which would put Monaco's CSS on every lesson). The JSON language gets the scenario schema:
 * completion, validation and hover help.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { scenarioSchema } from '../../core/sim/scenario-schema.ts';

declare global {
  interface Window { MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker } }
}

self.MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

const MODEL_URI = 'inmemory://certlab/scenario.json';

export interface ScenarioEditor {
  getValue(): string;
  setValue(text: string): void;
  onChange(fn: () => void): void;
  focus(): void;
}

export async function openEditor(container: HTMLElement, text: string): Promise<ScenarioEditor> {
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemas: [{ uri: scenarioSchema.$id, fileMatch: [MODEL_URI], schema: scenarioSchema }],
  });
  const uri = monaco.Uri.parse(MODEL_URI);
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, 'json', uri);
  model.setValue(text);
  const dark = document.documentElement.dataset.theme !== 'light';
  const editor = monaco.editor.create(container, {
    model,
    theme: dark ? 'vs-dark' : 'vs',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    tabSize: 2,
    scrollBeyondLastLine: false,
    ariaLabel: 'Scenario JSON editor. Press Ctrl+Space for completion; Escape then Tab leaves the editor.',
    fixedOverflowWidgets: true,
  });
  return {
    getValue: () => model.getValue(),
    setValue: (t) => model.setValue(t),
    onChange: (fn) => { model.onDidChangeContent(fn); },
    focus: () => editor.focus(),
  };
}
