"""SDV's GaussianCopulaSynthesizer: fit a CSV and sample N rows to a CSV, in one process
(the whole process is what Benchmarks/joint_protocol.py times, start-up included)."""
import sys

import pandas as pd
from sdv.metadata import Metadata
from sdv.single_table import GaussianCopulaSynthesizer

path, rows, output = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = pd.read_csv(path)
synthesizer = GaussianCopulaSynthesizer(Metadata.detect_from_dataframes({"table": data}))
synthesizer.fit(data)
synthesizer.sample(num_rows=rows).to_csv(output, index=False)
