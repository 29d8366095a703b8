/**
 * Monaco for the sandbox, loaded by dynamic import only when the reader opens the editor.
 * Workers come through Vite `?worker` imports. The stylesheets Monaco's modules import are
 * linked by Astro to the page whose route imports this module: that is why the sandbox is
 * src/pages/sandbox.astro and not an MDX entry (Starlight renders every entry with one route,
 * which would put Monaco's CSS on every lesson). The JSON language gets the scenario schema:
 * completion, validation and hover help.
 */
// A slim Monaco: the editor core, the JSON language, and only the contributions the sandbox
// uses (hover, completion, markers, find, folding, brackets, comments, clipboard, formatting).
import '../../../node_modules/monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon.css';
import '../../../node_modules/monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon-modifiers.css';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/format/browser/formatActions';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/common/standaloneStrings';
import * as monaco from 'monaco-editor/editor/editor.api';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { scenarioSchema } from '../../core/sim/scenario-schema.ts';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
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
  jsonDefaults.setDiagnosticsOptions({
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
    onChange: (fn) => {
      model.onDidChangeContent(fn);
    },
    focus: () => editor.focus(),
  };
}
