// fixture: PipelineLib's builder, as integration/config's jobs run it
def credentials = [:] + {{ globalAllowedCredentials | default({}) | tojson }} + {{ allowedCredentials | default({}) | tojson }}
def actions = ['build', 'run', 'exports', 'notify', 'copy']
if (params.ZUUL_PIPELINE ==~ /(gate-and-submit.*|postmerge|post|publish)/) {
  actions += ['publish', 'promote', 'deploy', 'trigger']
}
new org.wikimedia.integration.PipelineBuilder([allowedCredentials: credentials], '.pipeline/config.yaml', actions)
  .build(this, params.PLIB_PIPELINE)
