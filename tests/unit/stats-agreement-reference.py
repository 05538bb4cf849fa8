# A direct numpy transcription of Gwet's formulas (irrCAC gwet.ac1.raw / krippen.alpha.raw) to pin reference digits.
import numpy as np
from scipy import stats
def agree(ratings, cats):
    R=np.array(ratings,dtype=float)
    A=np.zeros((R.shape[0],len(cats)))
    for k,c in enumerate(cats): A[:,k]=(R==c).sum(1)
    A=A[A.sum(1)>0]
    return A
def W(cats,kind):
    q=len(cats)
    if kind=='identity': return np.eye(q)
    c=np.array(cats,float); return 1-(c[:,None]-c[None,:])**2/(c.max()-c.min())**2
def gwet(ratings,cats,kind):
    A=agree(ratings,cats); w=W(cats,kind); n,q=A.shape
    Aw=(w@A.T).T; ri=A.sum(1); sq=(A*(Aw-1)).sum(1); m2=ri>=2; n2=m2.sum()
    pa=(sq[m2]/(ri*(ri-1))[m2]).sum()/n2
    pi=(A/ri[:,None]).sum(0)/n
    tw=w.sum(); pe=tw*(pi*(1-pi)).sum()/(q*(q-1))
    ac=(pa-pe)/(1-pe)
    den=ri*(ri-1); den=den-(den==0)
    pai=sq/den; aci=(n/n2)*(pai-pe*m2)/(1-pe)
    pei=(tw/(q*(q-1)))*(A@(1-pi))/ri
    x=aci-2*(1-ac)*(pei-pe)/(1-pe)
    var=((x-ac)**2).sum()/(n*(n-1)); se=np.sqrt(var)
    t=stats.t.ppf(0.975,n-1)
    return ac,se,ac-t*se,min(1,ac+t*se)
def kripp(ratings,cats,kind):
    A=agree(ratings,cats); w=W(cats,kind)
    Aw=(w@A.T).T; ri=A.sum(1); keep=ri>=2
    A=A[keep];Aw=Aw[keep];ri=ri[keep]; n=A.shape[0]; rm=ri.mean(); eps=1/ri.sum()
    sq=(A*(Aw-1)).sum(1); pap=(sq/(rm*(ri-1))).sum()/n; pa=(1-eps)*pap+eps
    pi=(A/rm).sum(0)/n; pe=(w*np.outer(pi,pi)).sum()
    al=(pa-pe)/(1-pe); alp=(pap-pe)/(1-pe)
    pai=sq/(rm*(ri-1))-pa*(ri-rm)/rm; ai=(pai-pe)/(1-pe)
    piw=(w@pi+w.T@pi)/2; pei=A@piw/rm-pe*(ri-rm)/rm
    x=ai-2*(1-alp)*(pei-pe)/(1-pe)
    var=((x-alp)**2).sum()/(n*(n-1)); se=np.sqrt(var); t=stats.t.ppf(0.975,n-1)
    return al,se,al-t*se,min(1,al+t*se)
N=None
raw4=[[1,1,N,1],[2,2,3,2],[3,3,3,3],[3,3,3,3],[2,2,2,2],[1,2,3,4],[4,4,4,4],[1,1,2,1],[2,2,2,2],[N,5,5,5],[N,N,1,1],[N,N,3,N]]
raw4=[[np.nan if v is None else v for v in r] for r in raw4]
c5=[1,2,3,4,5]
print('raw4 AC1',gwet(raw4,c5,'identity'))
print('raw4 AC2q',gwet(raw4,c5,'quadratic'))
print('raw4 alpha nominal',kripp(raw4,c5,'identity'))
print('raw4 alpha interval',kripp(raw4,c5,'quadratic'))
obs=[[1,1,2,N,2],[1,1,0,1,N],[2,3,3,3,N],[N,0,0,N,0],[0,0,0,N,0],[0,0,0,N,0],[1,0,2,N,1],[1,N,2,0,N],[2,2,2,N,2],[2,1,1,1,N],[N,1,0,0,N],[0,0,0,0,N],[1,2,2,2,N],[3,3,2,2,3],[1,1,1,N,1]]
obs=[[np.nan if v is None else v for v in r] for r in obs]
print('5obs AC1',gwet(obs,[0,1,2,3],'identity'))
print('5obs alpha',kripp(obs,[0,1,2,3],'identity'))
# presence data, 2 coders, rare marker
pres=[[0,0]]*40+[[1,1]]*2+[[1,0]]*2+[[0,1]]
print('pres AC1',gwet(pres,[0,1],'identity'))
print('pres alpha',kripp(pres,[0,1],'identity'))
rat=[[1,1],[2,3],[3,3],[5,4],[1,2],[4,4],[2,2],[3,1]]
print('rat AC2',gwet(rat,c5,'quadratic'))
print('rat alpha',kripp(rat,c5,'quadratic'))
