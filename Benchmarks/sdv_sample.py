"""SDV's GaussianCopula on a CSV: fit, then time sampling N rows. Prints 'fit SECONDS' and 'sample SECONDS'."""
import sys
import time

import pandas as pd
from sdv.metadata import SingleTableMetadata
from sdv.single_table import GaussianCopulaSynthesizer

path, rows = sys.argv[1], int(sys.argv[2])
data = pd.read_csv(path)
metadata = SingleTableMetadata()
metadata.detect_from_dataframe(data)
synthesizer = GaussianCopulaSynthesizer(metadata)
start = time.perf_counter()
synthesizer.fit(data)
fit_seconds = time.perf_counter() - start
start = time.perf_counter()
synthesizer.sample(num_rows=rows, batch_size=rows)
sample_seconds = time.perf_counter() - start
print(f"sample {sample_seconds:.3f} fit {fit_seconds:.3f}")
