"""Paths the Python tests use, from the environment ctest sets (tests/CMakeLists.txt)."""
import os

import pytest


@pytest.fixture(scope="session")
def data_dir():
    return os.environ["FACENAPI_TEST_DATA_DIR"]


@pytest.fixture(scope="session")
def model_dir():
    return os.environ["FACENAPI_TEST_MODEL_DIR"]


@pytest.fixture(scope="session")
def celeste(data_dir):
    with open(os.path.join(data_dir, "faces/detection_single/human_person-celeste.jpg"), "rb") as f:
        return f.read()


@pytest.fixture(scope="session")
def couple(data_dir):
    with open(os.path.join(data_dir, "faces/group/deepface_couple.jpg"), "rb") as f:
        return f.read()


@pytest.fixture
def ctx(model_dir, tmp_path):
    import facenapi
    with facenapi.Context(model_dir, str(tmp_path / "faces.db")) as c:
        yield c
