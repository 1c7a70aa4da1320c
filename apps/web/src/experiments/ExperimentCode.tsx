import { SdkCode } from '../components/SdkCode';
import { experimentSnippets, type SnippetExperiment } from './experiment-snippets';

/** How to run the experiment from the browser, Node and Python SDKs: read the variant, branch, capture the metrics. */
export function ExperimentCode(props: SnippetExperiment) {
  return <SdkCode title="Add the experiment to your code" snippets={experimentSnippets(props)} />;
}
