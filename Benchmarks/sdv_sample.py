"""SDV's GaussianCopula on a CSV: fit, then time sampling N rows. Prints 'fit SECONDS' and 'sample SECONDS'."""
import sys
import time

import pandas as pd
from sdv.single_table import GaussianCopulaSynthesizer

try:  # SDV 1.x
    from sdv.metadata import SingleTableMetadata

    def detect(frame):
        metadata = SingleTableMetadata()
        metadata.detect_from_dataframe(frame)
        return metadata

    def training_data(frame):
        return frame
except ImportError:  # SDV 2.x: metadata and data are keyed by table name
    from sdv.metadata import Metadata

    def detect(frame):
        return Metadata.detect_from_dataframes({"table": frame})

    def training_data(frame):
        return {"table": frame}

path, rows = sys.argv[1], int(sys.argv[2])
data = pd.read_csv(path)
metadata = detect(data)
synthesizer = GaussianCopulaSynthesizer(metadata)
start = time.perf_counter()
synthesizer.fit(training_data(data))
fit_seconds = time.perf_counter() - start
start = time.perf_counter()
synthesizer.sample(num_rows=rows, batch_size=rows)
sample_seconds = time.perf_counter() - start
print(f"sample {sample_seconds:.3f} fit {fit_seconds:.3f}")
