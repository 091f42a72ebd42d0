// One page per source file that the site quotes a region from, so that every snippet links to its whole file.
import { filesWithRegions, sourceSlug } from '../lib/repo.js';

export default {
  paths() {
    return filesWithRegions().map((path) => ({
      params: { file: sourceSlug(path), path },
      content: `# \`${path}\`\n\nThe whole file, as the site was built from it.\n\n<<< @/../${path}{ts:line-numbers}\n`,
    }));
  },
};
