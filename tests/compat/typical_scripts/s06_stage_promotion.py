import neptune_sys_widgets as neptune

model = neptune.init_model(with_id="PIP-PIPELINES")
versions = model.fetch_model_versions_table().to_pandas()
challenger_id = versions[versions["sys/stage"] == "staging"]["sys/id"].tolist()[0]
champion_id = versions[versions["sys/stage"] == "production"]["sys/id"].tolist()[0]
challenger = neptune.init_model_version(with_id=challenger_id)
champion = neptune.init_model_version(with_id=champion_id)
challenger.change_stage("production"); champion.change_stage("archived")
# challenger["sys/stage"] = "production"  -> NeptuneCannotChangeStageManually
print(challenger_id, champion_id)
